"""User commands: ``users list|add|disable|reset-password|set-role|recover`` (administrators; recover
needs the recovery code instead of a login)."""

from __future__ import annotations

import argparse

from huimin_desktop.cli.common import (
    EXIT_OK,
    NEW_PASSWORD_ENV,
    AddCommand,
    CommandFailed,
    emit,
    open_station,
    read_password,
)
from huimin_desktop.security.roles import MANAGE_USERS, ROLES
from huimin_desktop.services.station import Station
from huimin_desktop.services.users import UserRecord

ACTIONS = ("list", "add", "disable", "reset-password", "set-role", "recover")


def _json(user: UserRecord) -> dict[str, object]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
    }


def _line(user: UserRecord) -> str:
    state = "" if user.active else "（已停用）"
    return f"{user.username}\t{user.display_name}\t{user.role_label}{state}"


def _new_password(args: argparse.Namespace, name: str) -> str:
    return read_password(args, env=NEW_PASSWORD_ENV, prompt=f"{name} 的新密码：", confirm=True)


def _needs_name(args: argparse.Namespace) -> str:
    if not args.name:
        raise CommandFailed(f"users {args.action}：缺少用户名")
    return str(args.name)


def _recover(args: argparse.Namespace) -> int:
    if not args.code:
        raise CommandFailed("users recover：缺少 --code（初始化时显示的管理员恢复码）")
    name = _needs_name(args)
    with Station.recover(args.data, args.code, name, _new_password(args, name)) as station:
        user = next(u for u in station.users.list() if u.username == station.db.actor.username)
    emit(args, {"user": _json(user)}, f"已用恢复码重设管理员 {user.username} 的密码")
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    if args.action == "recover":
        return _recover(args)
    if args.action in ("add", "set-role") and args.role is None:
        raise CommandFailed(f"users {args.action}：缺少 --role（{'、'.join(ROLES)}）")
    name = _needs_name(args) if args.action != "list" else ""
    new_password = _new_password(args, name) if args.action in ("add", "reset-password") else None
    with open_station(args) as station:
        users = station.users
        if args.action == "add":
            done = users.create(name, args.display_name or "", args.role, password=new_password)
        elif args.action == "disable":
            done = users.disable(name)
        elif args.action == "reset-password":
            done = users.reset_password(name, new_password or "")
        elif args.action == "set-role":
            done = users.set_role(name, args.role)
        else:
            station.db.actor.require(MANAGE_USERS)
            listed = users.list()
            emit(args, {"users": [_json(u) for u in listed]}, "\n".join(_line(u) for u in listed))
            return EXIT_OK
    emit(args, {"user": _json(done)}, _line(done))
    return EXIT_OK


def register(command: AddCommand) -> None:
    users = command(
        "users",
        "用户：list 列出、add 新增、disable 停用、reset-password 重设密码、set-role 改角色、"
        "recover 用恢复码重设管理员密码（管理员）",
        cmd_users,
    )
    users.add_argument("action", choices=ACTIONS, metavar="ACTION", help="、".join(ACTIONS))
    users.add_argument("name", nargs="?", metavar="NAME", help="用户名（小写字母开头）")
    users.add_argument("--role", choices=ROLES, help="角色：entry 录入员、reviewer 审核员、admin 管理员")
    users.add_argument("--display-name", metavar="NAME", help="姓名（显示用）")
    users.add_argument("--code", metavar="CODE", help="管理员恢复码（recover）")
