"""Message texts of resilience: the supply network, scenarios, horizons and what-if questions."""

from __future__ import annotations

RESILIENCE_MESSAGES: dict[str, tuple[str, str]] = {
    "resilience.registry_only": (
        "{option} 只适用于登记库：--network 网络文件夹没有供应关系年份，也没有集群",
        "{option} applies to the registry only: a --network folder has no link years or clusters",
    ),
    "resilience.no_links_yet": (
        "{year} 年没有有效的供应关系（还没有供应关系）",
        "no supply link is active in {year} (there are no supply links yet)",
    ),
    "resilience.no_links_in_year": (
        "{year} 年没有有效的供应关系（供应关系始于 {first} 年、止于 {last} 年）",
        "no supply link is active in {year} (the links run from {first} to {last})",
    ),
    "resilience.no_links_from": (
        "{year} 年没有有效的供应关系（供应关系始于 {first} 年）",
        "no supply link is active in {year} (the links run from {first})",
    ),
    "resilience.anonymous_defaults": (
        "未登录时只提供默认年份和期限的汇总，其他参数请先登录",
        "without signing in the summary is given for the default year and horizon only; sign in for others",
    ),
    "resilience.network": ("登记库中的供应网络有误：{reason}", "the registry's supply network is wrong: {reason}"),
    "resilience.horizon": ("须为 {min}–{max} 天", "must be {min} to {max} days"),
    "resilience.site_not_found": ("供应网络中没有站点 {site}", "no site {site} in the supply network"),
    "resilience.what_if_none": (
        "请给出企业、地点、国家或情景（其中一项）",
        "give firms, a location, a country or a scenario (one of them)",
    ),
    "resilience.what_if_many": (
        "企业、地点、国家和情景只能给出一项（给出了 {given}）",
        "give only one of firms, location, country and scenario ({given} given)",
    ),
    "resilience.top": ("须在 1–{max} 之间", "must be 1–{max}"),
    "resilience.executor": (
        "须为 local（本机进程池，默认）、serial（本进程内）或 dask://主机:端口（Dask 调度器）",
        "must be local (a process pool on this machine, the default), serial (in this process) or "
        "dask://HOST:PORT (a Dask scheduler)",
    ),
    "resilience.scheduler_unreachable": (
        "{seconds} 秒内连不上 Dask 调度器 {address}（{reason}）；请检查 `dask scheduler` 是否在运行、地址和端口是否正确",
        "cannot reach the Dask scheduler at {address} within {seconds} s ({reason}); check that `dask scheduler` "
        "is running there and the host and port are right",
    ),
    "scenario.syntax": (
        "应写作 node:编号[,编号...]、location:前缀 或 country:国家代码",
        "expected node:ID[,ID...], location:PREFIX or country:CC",
    ),
    "scenario.empty": ("`{part}:` 后面没有内容", "nothing after `{part}:`"),
    "scenario.empty_id": ("列表中有空的节点编号", "an empty node id in the list"),
    "scenario.unknown_node": ("未知的节点 {part}", "unknown node {part}"),
    "scenario.country_path": ("国家代码只能是一级，不能是 {part}", "a country code is one path part, not {part}"),
    "scenario.no_match": ("没有节点位于 {part}", "no node has a location in {part}"),
}
