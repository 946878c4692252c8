"""Message texts of users and access: sign-in, roles, passwords, tokens, sessions and the access log."""

from __future__ import annotations

ACCESS_MESSAGES: dict[str, tuple[str, str]] = {
    "access.sign_in": ("请先登录", "sign in first"),
    "access.sign_in_api": ("请先登录（或发送 API 令牌）", "sign in (or send an API token) first"),
    "access.sign_in_to_write": ("请先登录（或发送 API 令牌）再写入", "sign in (or send an API token) to write"),
    "access.token_invalid": (
        "API 令牌无效（未知、已过期或已撤销）",
        "the bearer token is not valid (unknown, expired or revoked)",
    ),
    "access.password_change_due": (
        "请先修改一次性密码（/account/password）",
        "change the one-time password first (/account/password)",
    ),
    "access.csrf": (
        "CSRF 令牌缺失或不正确；请重新加载页面后再试",
        "the CSRF token is missing or wrong; reload the page and try again",
    ),
    "access.wrong_password": ("用户名或密码不正确", "wrong username or password"),
    "access.role_may_not": ("角色 {role} 无权执行 {action}（{resource}）", "role {role} may not {action} {resource}"),
    "access.admin_tokens": ("只有管理员可以查看他人的令牌", "only an admin may list another user's tokens"),
    "access.admin_sessions": ("只有管理员可以结束他人的会话", "only an admin may end a user's sessions"),
    "access.log_admin_only": ("只有管理员可以查看访问日志", "only an administrator reads the access log"),
    "access.limit": ("须在 1–{max} 之间", "must be 1–{max}"),
    "access.event": ("须为以下之一：{known}", "must be one of: {known}"),
    "password.too_short": ("至少需要 {min} 个字符", "must have at least {min} characters"),
    "password.mix": ("须混合字母与数字或符号", "must mix letters with digits or symbols"),
    "password.not_current": ("不是当前密码", "is not the current password"),
    "password.same": ("必须与当前密码不同", "must differ from the current password"),
    "sign_in.locked": (
        "该账户因登录失败次数过多已被锁定，请联系管理员解锁",
        "this account is locked after too many failed sign-ins; ask an administrator to unlock it",
    ),
    "sign_in.wait": ("登录失败次数过多，请 {wait} 秒后再试", "too many failed sign-ins; try again in {wait} s"),
    "sign_in.address_wait": (
        "此地址登录失败次数过多，请 {wait} 秒后再试",
        "too many failed sign-ins from this address; try again in {wait} s",
    ),
}
