"""Fixture documents for the news tests: an RSS feed, an Atom feed, an HTML page with chrome, and a disruption
at a supplier of the demo graph (山河智能, E0004, a supplier in the demo's supply links). All texts are made up
for the tests (synthetic), in the shapes real feeds and pages have."""

from __future__ import annotations

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>测试新闻</title><link>http://news.example/</link><description>d</description>
<item><title>长沙工程机械出口增长</title><link>http://news.example/a/1.html</link><guid>news-1</guid>
<pubDate>Tue, 03 Mar 2026 08:00:00 +0800</pubDate>
<description><![CDATA[<p>2025年，长沙工程机械出口额同比增长<b>12%</b>。</p><p>中联重科海外收入创新高。</p>]]></description></item>
<item><title>三一重工发布新款挖掘机</title><link>http://news.example/a/2.html</link><guid>news-2</guid>
<pubDate>Wed, 04 Mar 2026 09:30:00 +0800</pubDate>
<description>三一重工在长沙发布新款电动挖掘机，面向海外市场。</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom 测试</title><id>urn:test</id><updated>2026-03-05T00:00:00Z</updated>
<entry><title>山河智能新厂投产</title><id>urn:test:1</id><link href="http://atom.example/1"/>
<updated>2026-03-05T02:00:00Z</updated>
<content type="html">&lt;p&gt;山河智能位于长沙经开区的新厂正式投产。&lt;/p&gt;</content></entry>
</feed>
"""

HTML = """<!doctype html><html><head><title>铁建重工盾构机下线</title><style>p{color:red}</style>
<script>var tracking = "不是正文";</script></head><body>
<nav><a href="/">首页</a> | <a href="/news">新闻中心</a></nav>
<div class="site-header">网站标志 登录 注册</div>
<article><h1>铁建重工盾构机下线</h1><p>近日，铁建重工第1000台盾构机在长沙下线。</p><p>该设备将用于城市地铁建设。</p></article>
<aside>热门文章 推荐阅读</aside><footer>版权所有 备案号</footer></body></html>
"""

DISRUPTION = "2026年3月2日，山河智能位于长沙的一处厂房发生火灾，部分产线停产，交付受到影响。"
"""A fire at 山河智能 (E0004 in the demo registry, a supplier of the demo's supply graph)."""
