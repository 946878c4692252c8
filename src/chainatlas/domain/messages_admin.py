"""Message texts of user administration: users, roles, passwords, API tokens, the sign-in log."""

from __future__ import annotations

ADMIN_MESSAGES: dict[str, tuple[str, str]] = {
    "users.not_allowed": ("只有管理员可以管理用户", "only an admin may manage users"),
    "users.exists": ("用户 {username} 已存在", "user {username} already exists"),
    "users.not_found": ("没有用户 {username}", "no user {username}"),
    "users.username_invalid": (
        "用户名须为 2–64 个字母、数字或 _ . @ -",
        "a username is 2–64 letters, digits or _ . @ -",
    ),
    "users.member_enterprise": ("成员账号须属于一家企业", "a member account belongs to one enterprise"),
    "users.participant_registration": (
        "参会者账号须对应一个展会报名",
        "a participant account belongs to one fair registration",
    ),
    "users.only_admin": (
        "{username} 是唯一启用的管理员，不能停用或改为其他角色",
        "{username} is the only active admin and cannot be disabled or given another role",
    ),
    "users.already_disabled": ("用户 {username} 已停用", "user {username} is already disabled"),
    "users.already_enabled": ("用户 {username} 已是启用状态", "user {username} is already enabled"),
    "users.same_role": ("用户 {username} 已是这个角色", "user {username} already has this role"),
    "users.reset_own": (
        "不能在这里重置自己的密码，请使用修改密码页面",
        "you cannot reset your own password here; use the change-password page",
    ),
    "users.enterprise_unknown": ("没有名称或编号含“{text}”的企业", "no enterprise whose name or id contains “{text}”"),
    "users.enterprise_ambiguous": (
        "“{text}”对应多家企业（{names}），请输入更完整的名称或编号",
        "“{text}” matches several enterprises ({names}); type more of the name, or the id",
    ),
    "users.registration_unknown": (
        "没有名称或编号含“{text}”且关联企业的展会报名",
        "no fair registration linked to an enterprise whose name or id contains “{text}”",
    ),
    "users.registration_ambiguous": (
        "“{text}”对应多个展会报名（{names}），请输入更完整的名称或编号",
        "“{text}” matches several fair registrations ({names}); type more of the name, or the id",
    ),
    "tokens.not_found": ("没有编号为 {token_id} 的令牌", "no token {token_id}"),
    "tokens.already_revoked": ("令牌 {token_id} 已撤销", "token {token_id} is already revoked"),
    "tokens.days": ("须在 1 到 {most} 之间", "must be from 1 to {most}"),
    "access_log.page": ("页码须为 1 到 {most}", "the page must be from 1 to {most}"),
    "access_log.event": ("必须是以下之一：{events}", "must be one of: {events}"),
}
