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
from huimin_desktop.cli.words import role_word, say
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
    state = "" if user.active else say("（已停用）", " (disabled)")
    return f"{user.username}\t{user.display_name}\t{role_word(user.role)}{state}"


def _new_password(args: argparse.Namespace, name: str) -> str:
    prompt = say("{name} 的新密码：", "New password of {name}: ", name=name)
    return read_password(args, env=NEW_PASSWORD_ENV, prompt=prompt, confirm=True)


def _needs_name(args: argparse.Namespace) -> str:
    if not args.name:
        raise CommandFailed(
            say("users {action}：缺少用户名", "users {action}: the user name is missing", action=args.action)
        )
    return str(args.name)


def _recover(args: argparse.Namespace) -> int:
    if not args.code:
        raise CommandFailed(
            say(
                "users recover：缺少 --code（初始化时显示的管理员恢复码）",
                "users recover: --code is missing (the administrator's recovery code shown at set-up)",
            )
        )
    name = _needs_name(args)
    with Station.recover(args.data, args.code, name, _new_password(args, name)) as station:
        user = next(u for u in station.users.list() if u.username == station.db.actor.username)
    emit(
        args,
        {"user": _json(user)},
        say(
            "已用恢复码重设管理员 {user} 的密码",
            "The password of the administrator {user} was reset with the recovery code",
            user=user.username,
        ),
    )
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    if args.action == "recover":
        return _recover(args)
    if args.action in ("add", "set-role") and args.role is None:
        raise CommandFailed(
            say(
                "users {action}：缺少 --role（{roles}）",
                "users {action}: --role is missing ({roles})",
                action=args.action,
                roles=say("、", ", ").join(ROLES),
            )
        )
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


def _roles_help() -> str:
    return say("角色：", "the role: ") + say("、", ", ").join(
        say("{code} {name}", "{code}", code=role, name=role_word(role)) for role in ROLES
    )


def register(command: AddCommand) -> None:
    users = command(
        "users",
        say(
            "用户：list 列出、add 新增、disable 停用、reset-password 重设密码、set-role 改角色、"
            "recover 用恢复码重设管理员密码（管理员）",
            "users: list, add, disable, reset-password, set-role, and recover (reset an administrator's "
            "password with the recovery code); administrators",
        ),
        cmd_users,
    )
    users.add_argument("action", choices=ACTIONS, metavar="ACTION", help=say("、", ", ").join(ACTIONS))
    users.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help=say("用户名（小写字母开头）", "the user name (starting with a lower-case letter)"),
    )
    users.add_argument("--role", choices=ROLES, help=_roles_help())
    users.add_argument(
        "--display-name", metavar="NAME", help=say("姓名（显示用）", "the person's name (as shown)")
    )
    users.add_argument(
        "--code",
        metavar="CODE",
        help=say("管理员恢复码（recover）", "the administrator's recovery code (recover)"),
    )
