"""The words of every coded error: code → ``Words(zh, en)``, templates filled with the error's params.

To add a message: add one entry here (a new code, its Chinese and its English, with ``{name}`` for each
parameter) and raise ``ServiceError(code="the.code", name=value, ...)`` (the Chinese ``message`` is then
made from the template), or give an existing ``Issue`` / ``ServiceError`` the code and params it needs.
A test checks that every entry has both languages and that both use the same parameters.

Codes are dotted by area (``id.``, ``amount.``, ``package.``, ``merge.``, ``setup.``, ``data_folder.``,
``os.``, ``db.`` …) and stable: tests and scripts may key on them.
"""

from __future__ import annotations

from typing import NamedTuple


class Words(NamedTuple):
    zh: str
    en: str


# Codes whose whole line is one parameter worded in its own right (an OSError, by its errno and path),
# so their templates have no words of either language.
PASS_THROUGH = frozenset({"os.error"})

# The kinds of record a "not found" names (``NotFoundError(what, id)``), in English.
RECORD_KINDS = {
    "农户": "household",
    "区划": "division",
    "培训记录": "training",
    "用户": "user",
    "考核指标": "indicator",
    "调查记录": "survey",
    "进度记录": "progress entry",
    "附件": "attachment",
    "项目": "project",
    "项目阶段记录": "project stage entry",
    "培训": "training",
    "考核进度记录": "progress entry",
    "家庭成员": "household member",
    "年度调查": "yearly survey",
    "项目阶段": "project stage",
    "项目受益户": "project beneficiary",
    "培训学员": "trainee",
    "行政区划": "division",
    "指标节点": "milestone",
    "指标进展": "progress entry",
}

CATALOG: dict[str, Words] = {
    # -- general ----------------------------------------------------------------------------------
    "cancelled": Words("已取消，未作任何改动", "Cancelled; nothing was changed"),
    "interrupted": Words("已中断，未作任何改动", "Interrupted; nothing was changed"),
    "invalid.more": Words("（另有 {count} 处问题）", " ({count} more problems)"),
    "not_found": Words("找不到{what}（{record_id}）", "Not found: {what} ({record_id})"),
    "internal.sealed": Words(
        "程序内部错误（{reason}），未完成；详细信息已加密写入 {log}：管理员可用 huimin logs show --last "
        "查看，或用 huimin logs export 导出后发给技术支持",
        "Internal error ({reason}); the command did not finish. The details are sealed in {log}: an "
        "administrator reads them with huimin logs show --last, or exports them for support with huimin "
        "logs export",
    ),
    "internal": Words(
        "程序内部错误（{reason}），未完成；详细信息已写入 {log}，请把该文件发给技术支持",
        "Internal error ({reason}); the command did not finish. The details are in {log}: please send "
        "that file to support",
    ),
    # -- data folder and schema ---------------------------------------------------------------------
    "data_folder.not_a_folder": Words("{path}：不是文件夹", "{path}: not a folder"),
    "data_folder.cannot_create": Words(
        "{path}：无法创建数据文件夹：{reason}", "{path}: the data folder cannot be created: {reason}"
    ),
    "data_folder.cannot_open": Words(
        "{path}：无法打开数据库：{reason}", "{path}: the database cannot be opened: {reason}"
    ),
    "data_folder.damaged": Words(
        "{path}：数据库文件已损坏或不是本程序的数据库：{reason}",
        "{path}: the database file is damaged or not this program's database: {reason}",
    ),
    "data_folder.other": Words("{path}：{reason}", "{path}: {reason}"),
    "schema_too_new": Words(
        "数据文件夹由更新版本的程序创建（结构版本 {revision}），请升级本程序后再打开；数据未作任何改动",
        "This data folder was written by a newer version of the program (schema {revision}). Please "
        "install the newer version; nothing was changed",
    ),
    "no_station": Words(
        "数据文件夹 {path} 中还没有站点，请先初始化（init）",
        "There is no station in the data folder {path} yet; set one up first (init)",
    ),
    "station_exists": Words(
        "数据文件夹 {path} 已有站点，不能重复初始化", "The data folder {path} already holds a station"
    ),
    # -- users and roles (security/) --------------------------------------------------------------
    "auth.forbidden": Words(
        "用户 {user} 的角色无权执行此操作（{permission}），未作任何改动",
        "User {user}'s role may not do this ({permission}); nothing was changed",
    ),
    "auth.wrong_password": Words(
        "用户名或密码错误（用户 {user}），未作任何改动",
        "Wrong user name or password (user {user}); nothing was changed",
    ),
    "auth.locked": Words(
        "用户 {user} 连续输错密码 {failures} 次，已锁定至 {until}，请稍后再试",
        "User {user} entered a wrong password {failures} times and is locked until {until}; try again later",
    ),
    "auth.disabled": Words("用户 {user} 已停用，不能登录", "User {user} is disabled and cannot log in"),
    "auth.login_required": Words(
        "{path}：请指定用户名和密码（--user 或 HUIMIN_USER，密码由 HUIMIN_PASSWORD 或提示输入）",
        "{path}: give a user name and a password (--user or HUIMIN_USER; the password in HUIMIN_PASSWORD "
        "or at the prompt)",
    ),
    "auth.no_vault": Words(
        "{path}：数据库已加密，但找不到密钥文件 keys/vault.json，无法打开",
        "{path}: the database is encrypted but the key vault keys/vault.json is missing",
    ),
    "auth.vault_damaged": Words(
        "{path}：密钥文件已损坏或被改动（{reason}），拒绝打开",
        "{path}: the key vault is damaged or was altered ({reason}); refused",
    ),
    "auth.wrong_recovery_code": Words(
        "恢复码不正确，未作任何改动", "The recovery code is wrong; nothing was changed"
    ),
    "auth.password_too_short": Words(
        "密码至少 {length} 个字符", "A password needs at least {length} characters"
    ),
    "auth.passwords_differ": Words("两次输入的密码不一致", "The two passwords differ"),
    "auth.last_admin": Words(
        "不能停用或降级最后一位管理员 {user}",
        "{user} is the last administrator and cannot be disabled or demoted",
    ),
    # -- privacy: full-data exports and the public notice (services/disclosure.py, public_notice.py) -
    "export.reason_required": Words(
        "导出的文件含完整的身份证号和电话，须说明原因（命令行用 --reason，或用 --masked 导出遮盖后的），"
        "未作任何改动",
        "The export holds whole ID numbers and phones and needs a reason (--reason on the command line, or "
        "--masked for a masked export); nothing was changed",
    ),
    "export.reason_too_long": Words(
        "导出原因不能超过 {limit} 个字，未作任何改动",
        "The reason may be at most {limit} characters; nothing was changed",
    ),
    # -- ID numbers (domain/idnumber.py) ---------------------------------------------------------
    "id.empty": Words("身份证号不能为空", "The ID number is empty"),
    "id.characters": Words(
        "身份证号只能由数字组成，只有最后一位可以是 X",
        "An ID number has only digits; only the last character may be X",
    ),
    "id.length": Words(
        "身份证号应为 18 位（旧证 15 位），现在是 {length} 位",
        "An ID number has 18 digits (15 on an old card); this one has {length}",
    ),
    "id.upgraded_15": Words(
        "15 位旧身份证号已按国家标准升级为 18 位，请核对新证号码",
        "The old 15-digit ID number was upgraded to 18 digits as the national standard says; please "
        "check it against the new card",
    ),
    "id.birth_date_invalid": Words(
        "身份证号中的出生日期（{shown}）不存在", "The birth date in the ID number ({date}) does not exist"
    ),
    "id.birth_date_future": Words(
        "身份证号中的出生日期（{shown}）晚于今天", "The birth date in the ID number ({date}) is after today"
    ),
    "id.birth_date_too_early": Words(
        "身份证号中的出生日期（{shown}）早于 1900 年",
        "The birth date in the ID number ({date}) is before 1900",
    ),
    "id.check_digit": Words(
        "身份证号校验位不正确，请逐位核对是否输错",
        "The ID number's check digit is wrong; please check it digit by digit for a typing mistake",
    ),
    "id.region_historical": Words(
        "地区代码 {region} 是朝阳地区的历史行政区划代码（办证时的地区），身份证号可正常使用",
        "Region code {region} is a historical Chaoyang division code (where the card was issued); the ID "
        "number is fine",
    ),
    "id.region_unknown": Words(
        "身份证号前两位 {province} 不是省级行政区划代码，请核对身份证号",
        "The first two digits of the ID number ({province}) are not a province code; please check the number",
    ),
    "id.stored_as_number": Words(
        "身份证号被 Excel 存成了数字：Excel 只保留 15 位有效数字，后几位已经丢失，无法恢复；"
        "请把这一列设为“文本”格式后重新输入身份证号",
        "Excel stored the ID number as a number and kept only 15 significant digits: the last digits are "
        "lost and cannot be recovered. Format the column as Text and type the ID numbers again",
    ),
    # -- amounts (domain/amounts.py and the services' checks) -------------------------------------
    "amount.not_a_number": Words("金额“{value}”不是数字", "The amount “{value}” is not a number"),
    "amount.negative": Words("金额 {value} 不能为负数", "The amount {value} cannot be negative"),
    "amount.too_large": Words(
        "金额 {value} 超过 1 亿元，请核对是否多输了数字",
        "The amount {value} is over 100 million yuan; please check for an extra digit",
    ),
    # -- phones -----------------------------------------------------------------------------------
    "phone.multiple": Words("一个电话栏只能填写一个号码", "Enter only one number in a phone field"),
    "phone.invalid": Words(
        "电话号码格式不对：手机号为 1 开头的 11 位数字，固定电话为区号加 7–8 位号码",
        "The phone number is not valid: a mobile number has 11 digits starting with 1, a landline an area "
        "code and 7–8 digits",
    ),
    # -- households and members (services/households.py) ------------------------------------------
    "household.division_unknown": Words("所在村（区划）不存在", "The village (division) does not exist"),
    "household.no_members": Words("至少需要一名家庭成员（户主）", "At least one member (the head) is needed"),
    # the consistency checks (domain/household_checks.py): warnings of the editor, the import and a merge
    "household.no_head": Words(
        "没有登记户主：请把一名成员的“与户主关系”设为户主",
        "No head is registered: set one member's relationship to the head as head",
    ),
    "household.several_heads": Words(
        "登记了 {count} 名户主：{member}", "{count} heads are registered: {member}"
    ),
    "household.several_spouses": Words(
        "登记了 {count} 名配偶：{member}", "{count} spouses are registered: {member}"
    ),
    "household.same_sex_spouse": Words(
        "户主 {head} 与配偶 {member} 性别相同（都是{sex}），请核对",
        "The head {head} and the spouse {member} have the same sex (both {sex}): check it",
    ),
    "household.relationship_sex": Words(
        "{member} 的性别（{sex}）与“与户主关系”不符，请核对",
        "The sex of {member} ({sex}) does not fit the relationship to the head: check it",
    ),
    "household.young_senior_school": Words(
        "{member} 不满 15 岁，却登记为高中及以上在读或学历，请核对出生日期和在校情况",
        "{member} is under 15 yet registered at or through senior school: check the birth date and schooling",
    ),
    "household.work_away_without_labour": Words(
        "{member} 登记为丧失劳动力或无劳动力，却有外出务工月数，请核对",
        "{member} is registered as unable to work yet has months worked away: check it",
    ),
    "household.per_capita_out_of_range": Words(
        "年人均纯收入 {yuan} 元不在合理范围内（应大于 0 且不超过 10 万元），请核对收入和家庭人口",
        "The yearly net income per person, {yuan} yuan, is out of range (above 0, at most 100,000 yuan): "
        "check the incomes and the household size",
    ),
    "household.wage_without_work_away": Words(
        "有工资性收入（{yuan} 元），但没有成员登记外出务工月数，请核对",
        "There is wage income ({yuan} yuan) but no member has months worked away: check it",
    ),
    "member.name_missing": Words("姓名不能为空", "The name is empty"),
    "member.id_number_missing": Words("{name} 未填写身份证号", "No ID number for {name}"),
    "member.sex_mismatch": Words(
        "{name} 的性别与身份证号不一致，已按身份证号更正",
        "The sex of {name} did not match the ID number and was corrected from it",
    ),
    "member.duplicate_in_household": Words(
        "身份证号与第 {other} 名成员重复", "The ID number is the same as member {other}'s"
    ),
    "member.duplicate_elsewhere": Words(
        "身份证号 {masked} 已登记在户主为“{head}”的另一户中",
        "The ID number {masked} is already registered in another household (head: {head})",
    ),
    "member.work_away_months": Words(
        "外出务工月数应在 0 到 12 之间", "Months worked away must be between 0 and 12"
    ),
    "survey.year": Words("调查年度 {year} 不合理", "The survey year {year} is not plausible"),
    "survey.household_size": Words("家庭人口不能为负数", "The household size cannot be negative"),
    "survey.date_future": Words("调查日期不能晚于今天", "The survey date cannot be after today"),
    # -- sync packages (sync/package.py, sync/package_blobs.py) --------------------------------------
    "package.not_a_folder": Words(
        "{path} 不是同步包（应为一个文件夹）", "{path} is not a sync package (a package is a folder)"
    ),
    "package.not_ours": Words(
        "不是本程序的同步包（清单格式不符）", "Not a sync package of this program (unknown manifest format)"
    ),
    "package.manifest_damaged": Words(
        "同步包清单（MANIFEST.JSN）已损坏，无法读取",
        "The package manifest (MANIFEST.JSN) is damaged and cannot be read",
    ),
    "package.incomplete": Words(
        "不是完整的同步包：缺少 {name}", "Not a complete sync package: {name} is missing"
    ),
    "package.missing_files": Words(
        "同步包不完整：缺少文件 {names}", "The sync package is incomplete: {names} missing"
    ),
    "package.extra_files": Words(
        "同步包中有清单之外的文件 {names}，已拒绝",
        "The package holds files its manifest does not list ({names}); refused",
    ),
    "package.bad_signature": Words(
        "同步包的签名无效：清单被改动，或不是由登记的站点密钥签发的",
        "The package signature is invalid: the manifest was changed, or it was not signed with a "
        "registered station's key",
    ),
    "package.fingerprint_mismatch": Words(
        "同步包清单中的密钥指纹与发送站点登记的不符",
        "The key fingerprint in the manifest does not match the sending station's registered key",
    ),
    "package.size_mismatch": Words(
        "同步包文件 {name} 的大小与清单不符（被截断或改动）",
        "The size of package file {name} does not match the manifest (truncated or changed)",
    ),
    "package.hash_mismatch": Words(
        "同步包文件 {name} 的校验值（SHA-256）与清单不符，文件已损坏或被改动",
        "The content of package file {name} does not match the manifest (changed or damaged)",
    ),
    "package.other_recipient": Words(
        "同步包是发给{recipient}的，不能在本站打开",
        "The package is addressed to another station ({recipient}) and cannot be opened here",
    ),
    "package.key_unusable": Words(
        "同步包的密钥无法用本站密钥打开：不是发给本站的，或已损坏",
        "The package key cannot be opened with this station's key: it is not for this station, or damaged",
    ),
    "package.damaged": Words("同步包已损坏：{detail}", "The sync package is damaged: {detail}"),
    "package.target_missing": Words("目标文件夹 {path} 不存在", "The target folder {path} does not exist"),
    "package.target_full": Words(
        "{path} 空间不足，同步包没有写入；请换一个空间更大的 U 盘",
        "Not enough space on {path}; the package was not written. Use a stick with more free space",
    ),
    "package.write_failed": Words(
        "写同步包失败：{reason}（{path}）", "Writing the sync package failed: {reason} ({path})"
    ),
    "package.read_back_failed": Words(
        "同步包写入后读回校验失败（{detail}），U 盘可能有问题；请换一个 U 盘重试",
        "The package read back differently from what was written ({detail}); the stick may be faulty. Try "
        "another stick",
    ),
    "package.disk_full_local": Words(
        "本机磁盘空间不足，无法解开同步包；请清理磁盘后重试",
        "Not enough disk space on this computer to open the package; free some space and try again",
    ),
    "package.read_failed": Words(
        "读取同步包 {name} 失败：{reason}（U 盘是否已拔出？）",
        "Reading the package {name} failed: {reason} (was the stick removed?)",
    ),
    "package.blob_missing": Words(
        "附件库中缺少文件（{sha}…），请先运行 check 检查附件库",
        "A file is missing from the attachment store ({sha}…); run check first",
    ),
    "package.blob_damaged": Words(
        "附件库中的文件已损坏（{sha}…）：内容与校验值不符；请先运行 check 检查附件库",
        "A file in the attachment store is damaged ({sha}…): its content does not match its checksum; run "
        "check first",
    ),
    # -- trusting the sender and merging (services/sync.py, services/enrollment.py, sync/merge.py,
    #    sync/authority.py) ------------------------------------------------------------------------
    "sync.unregistered_station": Words(
        "同步包来自未登记的站点（编号 {station}），已拒绝",
        "The package comes from a station that is not registered here ({station}); refused",
    ),
    "sync.not_direct_peer": Words(
        "同步包直接来自站点“{name}”，但它不是本站登记的上级或下级站点，已拒绝",
        "The package comes directly from “{name}”, which is not this station's registered upper or lower "
        "station; refused",
    ),
    "sync.revoked_station": Words(
        "同步包来自已吊销的站点“{name}”（{date} 吊销），已拒绝",
        "The package comes from the revoked station “{name}” (revoked on {date}); refused",
    ),
    "sync.unknown_recipient": Words(
        "找不到接收站点“{recipient}”：只能发给本站登记的下级站点或上级站点",
        "No station “{recipient}”: a package can go only to this station's registered lower or upper station",
    ),
    "sync.recipient_revoked": Words(
        "站点“{name}”已被吊销，不能再向它发送同步包",
        "The station “{name}” was revoked; no more packages can go to it",
    ),
    # a lower station's registration (services/enrollment.py); {station}: the station's label as Words
    "sync.key_not_registered": Words(
        "站点{station}还没有用安装文件登记本机密钥",
        "{station} has not registered its computer's key with the setup file yet",
    ),
    "sync.no_registration": Words(
        "站点{station}还没有用安装文件登记本机密钥，这个同步包不含登记凭证，已拒绝；"
        "请在该站点用安装文件和安装码重新初始化后再导出",
        "{station} has not registered its computer's key with the setup file yet, and this package carries "
        "no registration proof; refused. Set that station up again with the setup file and setup code, "
        "then export again",
    ),
    "sync.registration_invalid": Words(
        "同步包中的登记凭证无效：它不是用本站为站点{station}生成的安装文件和安装码初始化的，已拒绝",
        "The registration proof in the package is not valid: the sender was not set up with the setup file "
        "and setup code this station made for {station}; refused",
    ),
    "sync.registration_taken": Words(
        "另一台电脑已用此安装文件登记为站点{station}（密钥指纹 {fingerprint}）；"
        "这台电脑的同步包不能接受，如需改用这台电脑，请上级站点重新登记该站点",
        "Another computer was registered as {station} with this setup file (key fingerprint "
        "{fingerprint}); packages from this computer cannot be accepted. To use this computer instead, ask "
        "the upper station to enroll that station again",
    ),
    "sync.registration_taken_on": Words(
        "另一台电脑已用此安装文件登记为站点{station}，登记于 {date}（密钥指纹 {fingerprint}）；"
        "这台电脑的同步包不能接受，如需改用这台电脑，请上级站点重新登记该站点",
        "Another computer was registered as {station} with this setup file on {date} (key fingerprint "
        "{fingerprint}); packages from this computer cannot be accepted. To use this computer instead, ask "
        "the upper station to enroll that station again",
    ),
    "sync.registration_taken_now": Words(
        "另一台电脑刚刚已用此安装文件登记了该站点，这个同步包未合并",
        "Another computer has just registered this station with the same setup file; this package was not "
        "merged",
    ),
    "sync.reenrolled": Words(
        "站点{station}已于 {date} 重新登记，这台电脑上的旧安装已作废，其同步包不再接受；"
        "请用新的安装文件和安装码重新初始化",
        "{station} was enrolled again on {date}: the old installation on this computer is void and its "
        "packages are no longer accepted. Set it up again with the new setup file and setup code",
    ),
    "sync.recipient_not_registered": Words(
        "站点{station}还没有登记：它用安装文件和安装码初始化后发来的第一个同步包合并之后，才能给它发回传包",
        "{station} is not registered yet: a return package can go to it only once the first package it "
        "sends after being set up with the setup file and setup code has been merged",
    ),
    # exporting (services/sync.py)
    "sync.no_upper": Words(
        "本站没有上级站点，无法导出上报的同步包；市、县站点请用 --for 指定回传的下级站点",
        "This station has no upper station, so no upward package can be exported; a city or county "
        "station names the lower station of a return package with --for",
    ),
    "sync.read_back_counts": Words(
        "同步包读回的记录数（{records}）或附件数（{attachments}）与导出的（{exported_records}、"
        "{exported_attachments}）不符，已删除该同步包；请重试",
        "The package as read back holds {records} records and {attachments} attachments, not the "
        "{exported_records} and {exported_attachments} exported; it was deleted. Please try again",
    ),
    "conflict.unknown": Words(
        "没有编号为 {conflict_id} 的冲突；未作任何改动",
        "There is no conflict {conflict_id}; nothing was changed",
    ),
    "conflict.decided": Words(
        "冲突 {conflict_id} 已经处理过了；未作任何改动",
        "Conflict {conflict_id} has already been decided; nothing was changed",
    ),
    "conflict.named_twice": Words(
        "冲突 {conflict_id} 被指定了两次（--keep 与 --other 各指定一条冲突一次）；未作任何改动",
        "Conflict {conflict_id} is named twice (name each conflict once, with --keep or --other); "
        "nothing was changed",
    ),
    "conflict.no_other_value": Words(
        "冲突 {conflict_id} 是身份证号重复，没有“另一值”可选：请打开两户核对后修改其中一户；未作任何改动",
        "Conflict {conflict_id} is a duplicate ID number and has no other value to choose: open both "
        "households and correct one of them; nothing was changed",
    ),
    "sync.merging_elsewhere": Words(
        "该同步包正由另一个程序合并（或刚由它合并完）；本次未作任何改动，请稍后再运行一次 merge 查看结果",
        "Another program is merging this package (or has just merged it); nothing was changed here. Run "
        "merge again in a moment to see the result",
    ),
    "verify.failed": Words("同步包有问题：{reason}", "The package has a problem: {reason}"),
    "merge.not_merged": Words(
        "{count} 个同步包未合并：{name}：{reason}", "{count} package(s) not merged: {name}: {reason}"
    ),
    "merge.merged": Words(
        "{count} 个同步包未合并（其余 {others} 个已合并）：{name}：{reason}",
        "{count} package(s) not merged (the other {others} were merged): {name}: {reason}",
    ),
    "merge.could_merge": Words(
        "{count} 个同步包未合并（其余 {others} 个可以合并）：{name}：{reason}",
        "{count} package(s) would not be merged (the other {others} can be): {name}: {reason}",
    ),
    # the reasons a merge summary gives for a package it did not apply (services/sync.py)
    "merge.own_package": Words(
        "这是本站自己导出的同步包（发给{recipient}），已跳过",
        "This is a package this station exported itself (for {recipient}); skipped",
    ),
    "merge.claims_own": Words(
        "同步包自称来自本站，但{reason}", "The package claims to come from this station, but: {reason}"
    ),
    "merge.already_applied": Words(
        "该同步包已经合并过，未作改动", "This package was merged before; nothing was changed"
    ),
    "merge.older": Words(
        "较旧的同步包：其内容已由同一站点之后的同步包带到，未作改动",
        "An older package: a later package from the same station has brought its contents; nothing was "
        "changed",
    ),
    "merge.future": Words(
        "同步包中的修改时间在未来（{when}），发送方电脑的时钟可能不准；已隔离，未合并",
        "The package holds changes dated in the future ({when}): the sending computer's clock may be "
        "wrong. Quarantined, not merged",
    ),
    "merge.incomplete_parents": Words(
        "同步包不完整：有记录引用了包中和本站都没有的上级记录（如成员所属的农户）",
        "The package is incomplete: a record refers to a parent record (such as a member's household) that "
        "neither the package nor this station has",
    ),
    # why a merge refuses a package (services/sync.py, sync/merge.py)
    "merge.incomplete_rows": Words(
        "同步包中有缺少必填内容或格式不对的记录，已拒绝整个同步包，未作任何改动",
        "The package holds records that lack required content or are malformed; the whole package was "
        "refused and nothing was changed",
    ),
    "merge.unknown_table": Words(
        "同步包中有未知的数据表“{table}”", "The package holds records of an unknown table “{table}”"
    ),
    "merge.record_malformed": Words(
        "同步包中 {table} 表的记录 {record} 格式不对",
        "The record {record} of the table {table} in the package is malformed",
    ),
    "merge.count_mismatch": Words(
        "合并时只处理了 {counted} 条记录，同步包清单有 {expected} 条；已撤销本次合并",
        "The merge handled only {counted} records but the package manifest lists {expected}; the merge "
        "was undone",
    ),
    "merge.stored_mismatch": Words(
        "合并后数据库中的记录数（{stored}）与写入数（{written}）不符；已撤销本次合并",
        "After the merge the database holds {stored} of the package's records, not the {written} "
        "written; the merge was undone",
    ),
    "merge.stations_malformed": Words(
        "同步包中的下级站点名单格式不对，已拒绝整个同步包，未作任何改动",
        "The package's list of lower stations is malformed; the whole package was refused and nothing was "
        "changed",
    ),
    # what a package may carry (sync/authority.py): {sender}, {station}, {owner} are stations' labels
    # and {what} a record kind, all as Words (the English names a station by its quoted name)
    "merge.sender_unregistered": Words(
        "同步包来自未登记的站点：{station}，已拒绝整个同步包，未作任何改动",
        "The package comes from a station that is not registered here: {station}; the whole package was "
        "refused and nothing was changed",
    ),
    "merge.return_lists_stations": Words(
        "上级站点的回传包不应登记下级站点，已拒绝整个同步包，未作任何改动",
        "A return package from the upper station must not list lower stations; the whole package was "
        "refused and nothing was changed",
    ),
    "merge.stamps_malformed": Words(
        "同步包中 {table} 表的记录 {record} 的修改标记格式不对",
        "The change stamps of the record {record} of the table {table} in the package are malformed",
    ),
    "merge.edit_in_the_name_of": Words(
        "同步包含有发送站{sender}无权带来的修改：以{station}名义对{what}的修改，"
        "已拒绝整个同步包，未作任何改动",
        "The package carries changes its sender {sender} may not bring: changes to {what} in the name of "
        "{station}; the whole package was refused and nothing was changed",
    ),
    "merge.city_defined": Words(
        "同步包含有发送站{sender}无权带来的修改：{what}由市级下达，下级站点不能修改，已拒绝整个同步包，未作任何改动",
        "The package carries changes its sender {sender} may not bring: {what} are set by the city and "
        "lower stations cannot change them; the whole package was refused and nothing was changed",
    ),
    "merge.progress_other_county": Words(
        "同步包含有发送站{sender}无权带来的修改：{county}考核指标的指标进展不属于发送站所在的县，"
        "已拒绝整个同步包，未作任何改动",
        "The package carries changes its sender {sender} may not bring: progress on an indicator of "
        "“{county}”, which is not the sender's county; the whole package was refused and nothing was changed",
    ),
    "merge.attachment_unknown_table": Words(
        "同步包中有附件挂在未知的数据表“{table}”上，已拒绝整个同步包，未作任何改动",
        "The package holds an attachment on an unknown table “{table}”; the whole package was refused and "
        "nothing was changed",
    ),
    "merge.attachment_owner_missing": Words(
        "同步包中有附件所属的记录不存在，已拒绝整个同步包，未作任何改动",
        "The package holds an attachment whose record does not exist; the whole package was refused and "
        "nothing was changed",
    ),
    "merge.not_senders_record": Words(
        "同步包含有不属于发送站{sender}的记录：{owner}的{what}，已拒绝整个同步包，未作任何改动",
        "The package holds records that do not belong to its sender {sender}: {what} of {owner}; the whole "
        "package was refused and nothing was changed",
    ),
    "merge.not_our_record": Words(
        "同步包含有不属于本站及其下级站点的记录：{owner}的{what}，已拒绝整个同步包，未作任何改动",
        "The package holds records that belong neither to this station nor to its lower stations: {what} "
        "of {owner}; the whole package was refused and nothing was changed",
    ),
    "merge.declared_not_below": Words(
        "发送站{sender}把站点{station}列为其下级站点，但本站登记的并非如此，已拒绝整个同步包，未作任何改动",
        "The sender {sender} lists {station} as one of its lower stations, but that is not what this "
        "station has registered; the whole package was refused and nothing was changed",
    ),
    "merge.declared_outside": Words(
        "发送站{sender}列出的下级站点{station}不在其辖区内，已拒绝整个同步包，未作任何改动",
        "The sender {sender} lists {station} among its lower stations, but it lies outside the sender's "
        "area; the whole package was refused and nothing was changed",
    ),
    "conflict.already_resolved": Words("这条冲突已经处理过了", "This conflict has already been resolved"),
    "conflict.no_other_for_duplicate": Words(
        "身份证号重复的冲突没有“另一值”可选：请打开两户核对后修改其中一户",
        "A duplicate-ID-number conflict has no “other value” to choose: open both households and correct one",
    ),
    # -- setup files and keys (sync/enrollment.py, sync/keys.py) ----------------------------------
    "setup.not_found": Words("找不到安装文件 {path}", "Setup file {path} not found"),
    "setup.is_folder": Words("{path} 是文件夹，不是安装文件", "{path} is a folder, not a setup file"),
    "setup.too_large": Words("{path} 不是安装文件（文件过大）", "{path} is not a setup file (too large)"),
    "setup.unreadable": Words(
        "无法读取安装文件 {path}：{reason}", "The setup file {path} cannot be read: {reason}"
    ),
    "setup.not_ours": Words("{name} 不是本程序的安装文件", "{name} is not a setup file of this program"),
    "setup.damaged": Words(
        "安装文件 {name} 已损坏或被改动，不能使用；请向上级站点重新索取",
        "The setup file {name} is damaged or was changed and cannot be used; ask the upper station for a "
        "new one",
    ),
    "setup.old_version": Words(
        "{name} 是旧版安装文件（内含站点私钥，已停用）；请上级站点重新登记本站（enroll --force），"
        "用新的安装文件和安装码初始化",
        "{name} is an old setup file (it holds the station's private keys and is no longer accepted); ask "
        "the upper station to enroll this station again (enroll --force) and use the new file and code",
    ),
    "setup.code_malformed": Words(
        "安装码“{code_typed}”格式不对：应为 {length} 位字母和数字（如 7K3Q-M9TX-2BHD），请核对",
        "The setup code “{code_typed}” is malformed: it has {length} letters and digits (such as "
        "7K3Q-M9TX-2BHD); please check it",
    ),
    "setup.wrong_code": Words(
        "安装码不正确：它打不开站点“{name}”的安装文件；请核对上级站点登记时给出的安装码（与安装文件分开传递），"
        "或请其重新登记",
        "Wrong setup code: it does not open the setup file of “{name}”. Check the code the upper station "
        "gave when it enrolled this station (passed apart from the file), or ask it to enroll again",
    ),
    "setup.too_new": Words(
        "安装文件来自较新版本的程序，请先升级本程序",
        "The setup file was made by a newer version of the program; please upgrade first",
    ),
    # a setup file whose contents do not hold together (services/station_setup.py check_setup)
    "setup.station_invalid": Words(
        "安装文件中的站点信息无效：{reason}", "The station in the setup file is not valid: {reason}"
    ),
    "setup.station_id_invalid": Words(
        "安装文件中的站点编号无效", "The station id in the setup file is not valid"
    ),
    "setup.upper_not_higher": Words(
        "安装文件中的上级站点级别不高于本站，不能使用",
        "The upper station in the setup file is not above this station's level; the file cannot be used",
    ),
    "setup.outside_upper": Words(
        "安装文件中的区划 {division} 不在上级站点“{upper}”（{upper_division}）的辖区内",
        "The division {division} in the setup file is not inside the area of the upper station “{upper}” "
        "({upper_division})",
    ),
    # this station's key file (sync/keys.py load_keys)
    "keys.missing": Words(
        "本站密钥文件缺失（{path}），无法签名或打开同步包；请联系上级站点重新登记本站",
        "This station's key file is missing ({path}), so packages cannot be signed or opened; ask the upper "
        "station to enroll this station again",
    ),
    "keys.unreadable": Words(
        "无法读取本站密钥文件（{path}）：{reason}",
        "This station's key file ({path}) cannot be read: {reason}",
    ),
    "keys.not_here": Words(
        "本站密钥受本机保护（{protection}），在这台电脑或这个 Windows 用户下无法打开（{path}）；"
        "请在原来的电脑上使用本数据文件夹，或请上级站点重新登记本站",
        "This station's key is protected by the computer it was made on ({protection}) and cannot be opened "
        "on this computer or under this Windows user ({path}); use this data folder on the original "
        "computer, or ask the upper station to enroll this station again",
    ),
    "keys.damaged": Words(
        "本站密钥文件已损坏（{path}），无法签名或打开同步包；请联系上级站点重新登记本站",
        "This station's key file is damaged ({path}), so packages cannot be signed or opened; ask the upper "
        "station to enroll this station again",
    ),
    # -- backups and restore (services/backups.py, backup_drive.py, backup_restore.py) -----------
    "backup.no_space": Words(
        "{path}：U 盘空间不足，还需要 {needed} MB，只剩 {free} MB；请换一个更大的 U 盘",
        "{path}: not enough space on the stick: {needed} MB more are needed, {free} MB are free; use a "
        "bigger stick",
    ),
    "backup.verify_failed": Words(
        "{path}：写入 U 盘后读回的内容不符，U 盘可能已损坏；备份未完成，请换一个 U 盘再试",
        "{path}: what was read back from the stick does not match what was written; the stick may be "
        "failing. The backup is not complete: try another stick",
    ),
    "restore.missing": Words("找不到备份 {path}", "Backup {path} not found"),
    "restore.in_use": Words(
        "{path} 正被另一个程序（如另一个打开的窗口或命令）使用，无法替换；请先关闭它再恢复。当前数据未被替换",
        "{path} is open in another program (another window or command) and cannot be replaced; close it "
        "and restore again. The current data was not replaced",
    ),
    "restore.no_vault": Words(
        "{path} 不是带密钥库的 U 盘备份文件夹；在没有站点的文件夹中只能从 U 盘备份恢复；数据未作任何改动",
        "{path} is not a stick backup folder with its key vault; a folder without a station can only be "
        "restored from a stick backup; nothing was changed",
    ),
    "restore.unfinished": Words(
        "{path} 是一次没有完成的备份（U 盘被拔出或已取消），不能用来恢复；数据未作任何改动",
        "{path} is a backup that did not finish (the stick was pulled or it was cancelled) and cannot be "
        "restored; nothing was changed",
    ),
    "restore.no_manifest": Words(
        "{path} 不是本程序的备份文件夹（清单 backup.json 缺失或无法读取：{reason}）；数据未作任何改动",
        "{path} is not a backup folder of this program (its list backup.json is missing or unreadable: "
        "{reason}); nothing was changed",
    ),
    "restore.damaged": Words(
        "备份已损坏（{path}：{reason}），不能恢复；数据未作任何改动",
        "The backup is damaged ({path}: {reason}) and cannot be restored; nothing was changed",
    ),
    "restore.foreign": Words(
        "{path} 是另一个站点（{station}）的备份，不能恢复到本站；数据未作任何改动",
        "{path} is a backup of another station ({station}) and cannot be restored here; nothing was changed",
    ),
    "restore.wrong_key": Words(
        "{path} 无法用本站的数据密钥打开（另一站点的备份，或已损坏），不能恢复；数据未作任何改动",
        "{path} does not open with this station's data key (another station's backup, or damaged) and "
        "cannot be restored; nothing was changed",
    ),
    "restore.not_encrypted": Words(
        "{path} 是未加密的数据库，不是本站的加密备份，不能恢复；数据未作任何改动",
        "{path} is an unencrypted database, not one of this station's encrypted backups; nothing was changed",
    ),
    "restore.too_new": Words(
        "{path} 由更新版本的程序备份（结构版本 {revision}），请先升级本程序；数据未作任何改动",
        "{path} was backed up by a newer version of the program (schema {revision}); upgrade first; "
        "nothing was changed",
    ),
    "restore.unreadable": Words(
        "读取备份 {path} 时出错，U 盘可能已被拔出；数据未作任何改动",
        "Reading the backup {path} failed; the stick may have been pulled out; nothing was changed",
    ),
    "restore.interrupted": Words(
        "恢复中断：备份 {path} 读不到了（U 盘可能已被拔出）；已写入 {target} 的文件已全部删除，未作任何改动",
        "The restore stopped: the backup {path} could no longer be read (was the stick pulled out?); what "
        "it had written to {target} was removed, nothing was changed",
    ),
    "restore.not_a_backup": Words(
        "{path} 不是本程序的备份文件夹（其中没有清单 backup.json）；数据未作任何改动",
        "{path} is not a backup folder of this program (it holds no backup.json); nothing was changed",
    ),
    "restore.vault_mismatch": Words(
        "{path} 中的数据库打不开：它和备份里的密钥库不属于同一个站点（备份被拼凑或已损坏），不能恢复；"
        "未作任何改动",
        "The database in {path} does not open with the key vault beside it (they are not of one station: "
        "the backup was pieced together or is damaged); nothing was changed",
    ),
    # -- the failure logs (services/failure_logs.py, cli/log_commands.py) ----------------------------
    "logs.none": Words("{path} 中没有错误日志", "There are no failure logs in {path}"),
    "logs.no_such": Words(
        "没有第 {number} 份错误日志（共 {count} 份，1 是最新的）",
        "There is no failure log {number} ({count} in all; 1 is the newest)",
    ),
    "logs.reason_required": Words(
        "错误日志可能含有本站数据，导出明文副本须说明原因（--reason），未作任何改动",
        "Failure logs may quote the station's data: a clear copy needs a reason (--reason); nothing was "
        "changed",
    ),
    "logs.no_folder": Words(
        "{path} 不是已有的文件夹，未作任何改动", "{path} is not an existing folder; nothing was changed"
    ),
    # -- enrolling and revoking lower stations (services/enrollment.py) -----------------------------
    "enroll.not_upper": Words(
        "只有市级或县级站点可以登记下级站点", "Only a city or county station can enroll lower stations"
    ),
    "enroll.level_not_lower": Words(
        "{own_level}站点只能登记比本站级别低的站点，不能登记{level}站点",
        "A {own_level} station can enroll only stations below its own level, not a {level} station",
    ),
    "enroll.outside_area": Words(
        "区划 {division} 不在本站（{name}，{own_division}）的辖区内",
        "Division {division} is not inside this station's area ({name}, {own_division})",
    ),
    "enroll.already_enrolled": Words(
        "区划 {division} 已于 {date} 登记为站点“{name}”；重新登记后其现有电脑的同步包将不再被接受。"
        "确需重新登记（如换了电脑）请加 --force",
        "Division {division} is already enrolled as “{name}” ({date}); once enrolled again, packages from "
        "its current laptop are refused. To enroll it again (a new laptop), add --force",
    ),
    "revoke.not_lower": Words(
        "只能吊销本站登记的下级站点；“{name}”不是",
        "Only a lower station enrolled here can be revoked; “{name}” is not one",
    ),
    "revoke.already": Words(
        "站点“{name}”已于 {date} 吊销", "The station “{name}” was already revoked on {date}"
    ),
    "station.ambiguous": Words(
        "“{station}”对应多个站点，请用站点编号指定",
        "“{station}” names several stations; give the station id",
    ),
    "station.unknown": Words(
        "找不到站点“{station}”（可用站点编号、区划代码或名称；stations 命令列出全部）",
        "No station “{station}” (give its id, division code or name; the stations command lists them all)",
    ),
    # a station's own identity (services/station_setup.py validate_station); {level}: Words of the level
    "station.level_invalid": Words(
        "站点级别“{level}”无效，应为 city（市）、county（县）或 township（乡镇）",
        "The station level “{level}” is not valid: it is city, county or township",
    ),
    "station.name_empty": Words("站点名称不能为空", "The station name is empty"),
    "station.code_format": Words(
        "区划代码“{division_code}”无效：{level}级站点需要 {length} 位数字的区划代码",
        "The division code “{division_code}” is not valid: a {level} station needs a division code of "
        "{length} digits",
    ),
    "station.division_invalid": Words(
        "区划代码 {division_code} 无效：{reason}", "The division code {division_code} is not valid: {reason}"
    ),
    # the reasons of station.division_invalid (passed as Words)
    "station.division_other_level": Words("{name}不是{level}级区划", "“{name}” is not a {level} division"),
    "station.division_not_listed": Words(
        "区划列表中没有这个{level}，应为 {names} 之一",
        "the division list has no such {level}; it should be one of {names}",
    ),
    "station.division_county_unknown": Words(
        "前 6 位 {county} 不是朝阳市的县（市、区）代码",
        "the first 6 digits, {county}, are not the code of a county of Chaoyang",
    ),
    "station.division_township_part": Words(
        "第 7–9 位 {part} 不是乡镇代码（应在 001–599 之间）",
        "digits 7–9, {part}, are not a township code (001–599)",
    ),
    "station.division_village_code": Words(
        "末 3 位 {part} 应为 000（这是村级代码，不是乡镇）",
        "the last 3 digits, {part}, should be 000 (this is a village code, not a township)",
    ),
    # -- what a roster import says about the table (spreadsheet/review.py) --------------------------
    "roster.column": Words("第 {column} 列“{header}”", "column {column} “{header}”"),
    "roster.column_no_header": Words("第 {column} 列（无列名）", "column {column} (no heading)"),
    "roster.year_asked": Words("按指定的 {year} 年度导入", "imported as the year {year}, as asked"),
    "roster.year_asked_other": Words(
        "按指定的 {year} 年度导入（文件中写的是 {found} 年）",
        "imported as the year {year}, as asked (the file says {found})",
    ),
    "roster.year_heading": Words(
        "收入列标题写明 {year} 年（{column}）", "the income heading names the year {year} ({column})"
    ),
    "roster.year_heading_not_title": Words(
        "收入列标题写明 {year} 年（{column}），而表格标题为 {title} 年度；按收入所属的 {year} 年导入，"
        "如不对请另选年度",
        "the income heading names the year {year} ({column}) but the table's title {title}: imported as "
        "{year}, the incomes' year; choose another year if that is wrong",
    ),
    "roster.year_title": Words("表格标题写明 {year} 年度", "the table's title names the year {year}"),
    "roster.year_none": Words(
        "文件中没有写年份，按今年 {year} 年导入，如不对请另选年度",
        "the file names no year: imported as this year, {year}; choose another year if that is wrong",
    ),
    # -- the area of a report or public notice (services/reports.py resolve_scope) ----------------
    "report.bad_year": Words(
        "报表年度应在 2000 到 2100 之间，收到 {year}", "The report's year should be 2000 to 2100, not {year}"
    ),
    "report.division_unknown": Words(
        "本站点的区划（{division}）不在区划表中，无法统计报表",
        "This station's division ({division}) is not in the division list, so no report can be made",
    ),
    "report.scope_gone": Words(
        "所选的统计范围已不在本站点的区划中", "The chosen area is no longer among this station's divisions"
    ),
    "notice.bad_year": Words(
        "公示年度应在 2000 到 2100 之间，收到 {year}", "The notice's year should be 2000 to 2100, not {year}"
    ),
    "demo.households_range": Words(
        "演示农户数应在 1 到 {most} 户之间，收到 {given}",
        "The number of demo households should be 1 to {most}, not {given}",
    ),
    "demo.attachments_negative": Words(
        "附件总量不能为负数，收到 {given} MB", "The attachments' total cannot be negative ({given} MB given)"
    ),
    "demo.no_station": Words(
        "数据文件夹中还没有站点，请先初始化", "There is no station in the data folder yet; set one up first"
    ),
    "demo.no_townships": Words(
        "没有可用的乡镇：请先在区划中添加乡镇", "No township to fill: add townships to the divisions first"
    ),
    "draft.cannot_save": Words(
        "草稿无法保存到 {folder}：{error}", "The draft cannot be saved in {folder}: {error}"
    ),
    "spreadsheet.unreadable_xlsx": Words(
        "{file}：无法读取 Excel 文件（{kind}），请确认文件完好",
        "{file}: the Excel file cannot be read ({kind}); check that it is intact",
    ),
    "spreadsheet.unreadable_xls": Words(
        "{file}：无法读取 .xls 文件（{kind}），请确认文件完好",
        "{file}: the .xls file cannot be read ({kind}); check that it is intact",
    ),
    "spreadsheet.csv_encoding": Words(
        "CSV 文件既不是 UTF-8 也不是 GBK 编码，请在 Excel 中另存为“CSV UTF-8”",
        "The CSV file is neither UTF-8 nor GBK; in Excel, save it as “CSV UTF-8”",
    ),
    "spreadsheet.unsupported": Words(
        "{file}：不支持的文件类型，请使用 .xlsx、.xls 或 .csv",
        "{file}: this kind of file is not supported; use .xlsx, .xls or .csv",
    ),
    "roster.too_many_rows": Words(
        "{file}：花名册超过 {limit} 行（第 {row} 行起），一次最多导入 {limit} 行，"
        "请按乡镇或村拆分成几个文件分别导入",
        "{file}: the roster has more than {limit} rows (from row {row}); at most {limit} rows are "
        "imported at once: split it by township or village into several files",
    ),
    "roster.no_heading": Words(
        "{file}：找不到花名册表头（前 {rows} 行中没有{examples}等列名）",
        "{file}: no roster heading found (none of the first {rows} rows has headings such as {examples})",
    ),
    "roster.name_and_id_needed": Words(
        "请指定“姓名”和“身份证号”所在的列", "Say which columns hold the name and the ID number"
    ),
    "roster.column_twice": Words(
        "第 {column} 列同时对应了“{first}”和“{second}”",
        "Column {column} is given both as “{first}” and as “{second}”",
    ),
    "roster.bad_year": Words("调查年度 {year} 不合理", "The survey year {year} is not plausible"),
    "attachment.write_check_failed": Words(
        "写入后校验失败：{what}", "The check after writing failed: {what}"
    ),
    "report.no_county": Words(
        "本站点下没有县（市、区）“{name}”（可写区划代码或名称）",
        "No county “{name}” under this station (give its division code or name)",
    ),
    "report.no_township": Words(
        "本站点下没有乡镇“{name}”（可写区划代码或名称）",
        "No township “{name}” under this station (give its division code or name)",
    ),
    "report.county_ambiguous": Words(
        "有 {count} 个县（市、区）名为“{name}”，请写区划代码：{codes}",
        "{count} counties are named “{name}”: give the division code, one of {codes}",
    ),
    "report.township_ambiguous": Words(
        "有 {count} 个乡镇名为“{name}”，请写区划代码：{codes}",
        "{count} townships are named “{name}”: give the division code, one of {codes}",
    ),
    # -- a station as sentences name it (sync/authority.py station_label, StationDirectory.label) ---
    "station.label": Words("{name}（{division}）", "{name} ({division})"),
    "station.label_division": Words("区划 {division} 的站点", "the station of division {division}"),
    "station.seed": Words("系统内置数据", "the program's built-in data"),
    "station.unregistered": Words("未登记的站点（编号 {station}）", "an unregistered station ({station})"),
    "station.other": Words("其他站点（编号 {station}）", "another station ({station})"),
    "station.this": Words("本站", "this station"),
    "station.not_enrolled_here": Words("其他站点（本站未登记）", "another station (not registered here)"),
    # a conflict's deleted/kept value (services/sync_conflicts.py)
    "value.deleted": Words("已删除", "deleted"),
    "value.not_deleted": Words("未删除", "not deleted"),
    # -- what ``check`` finds (services/checkup.py) ----------------------------------------------------
    "check.no_station": Words(
        "数据文件夹中没有站点信息（请先初始化站点）",
        "The data folder holds no station information (set up the station first)",
    ),
    "check.integrity": Words("数据库完整性检查失败：{line}", "The database's integrity check failed: {line}"),
    "check.foreign_key": Words(
        "表 {table} 第 {row} 行引用了不存在的 {parent} 记录",
        "Row {row} of the table {table} refers to a {parent} record that does not exist",
    ),
    "check.audit_triggers": Words(
        "审计日志缺少防篡改触发器", "The audit log lacks its triggers against tampering"
    ),
    "check.search_index": Words(
        "农户搜索索引与农户数据不一致（可重建索引修复）",
        "The household search index does not match the households (rebuilding the index mends it)",
    ),
    "check.revision": Words(
        "数据库结构版本为 {revision}，应为 {head}", "The database's schema is {revision}; it should be {head}"
    ),
    "check.blob_missing": Words(
        "附件缺失：{filename}（{sha}…）", "An attachment is missing: {filename} ({sha}…)"
    ),
    "check.blob_damaged": Words(
        "附件已损坏（内容与校验值不符）：{filename}（{sha}…）",
        "An attachment is damaged (its content does not match its checksum): {filename} ({sha}…)",
    ),
    # -- command-line arguments and output paths (cli/common.py) -----------------------------------
    "output.is_folder": Words(
        "{path} 是文件夹；请给出文件名，如 {example}",
        "{path} is a folder; give a file name, such as {example}",
    ),
    "output.no_folder": Words(
        "文件夹 {folder} 不存在；请先建立它，或换一个位置（{path}）",
        "The folder {folder} does not exist; create it or choose another place ({path})",
    ),
    "output.not_writable": Words(
        "文件夹 {folder} 不能写入（只读或没有权限）；请换一个位置（{path}）",
        "The folder {folder} cannot be written (read-only or no permission); choose another place ({path})",
    ),
    "output.parent_not_folder": Words(
        "{folder} 不是文件夹，无法把 {path} 写到那里",
        "{folder} is not a folder; {path} cannot be written there",
    ),
    "output.exists": Words(
        "{path} 已存在；为免覆盖，请换一个文件名或先移走它（未作任何改动）",
        "{path} already exists; choose another name or move it away first (nothing was changed)",
    ),
    "output.wrong_suffix": Words(
        "{path}：文件名应以 {suffix} 结尾", "{path}: the file name should end in {suffix}"
    ),
    "target.missing": Words("目标文件夹 {path} 不存在", "The target folder {path} does not exist"),
    "target.not_folder": Words("{path} 不是文件夹", "{path} is not a folder"),
    "target.not_writable": Words(
        "目标文件夹 {path} 不能写入（只读、写保护或没有权限）；请换一个文件夹或 U 盘",
        "The target folder {path} cannot be written (read-only, write-protected or no permission); choose "
        "another folder or stick",
    ),
    "input.missing": Words("找不到文件 {path}", "File {path} not found"),
    "conflict.same_twice": Words(
        "不能同时对同一条冲突（{id}）用 --keep 和 --other",
        "--keep and --other cannot both name conflict {id}",
    ),
    "conflict.not_found": Words("找不到编号为 {id} 的冲突", "No conflict with number {id}"),
    # -- operating-system errors (messages/system.py), by errno -----------------------------------
    "os.disk_full": Words(
        "{path}：磁盘空间已满，未作任何改动；请清理磁盘或换一个空间更大的位置后重试",
        "{path}: the disk is full; nothing was changed. Free some space or choose a place with more room, "
        "then try again",
    ),
    "os.too_large": Words(
        "{path}：文件超过了允许的大小（FAT32 的 U 盘单个文件最大 4 GB），未作任何改动；请换一个位置",
        "{path}: the file exceeds the size allowed (4 GB per file on a FAT32 stick); nothing was changed. "
        "Choose another place",
    ),
    "os.read_only": Words(
        "{path}：所在的磁盘是只读的（U 盘的写保护开关？），未作任何改动；请换一个可写的位置",
        "{path}: the disk is read-only (the stick's write-protect switch?); nothing was changed. Choose a "
        "writable place",
    ),
    "os.permission": Words(
        "{path}：没有权限读写，未作任何改动；请换一个位置，或请管理员开放权限",
        "{path}: no permission to read or write it; nothing was changed. Choose another place or ask an "
        "administrator for access",
    ),
    "os.not_found": Words(
        "{path}：文件或文件夹不存在，未作任何改动；请检查路径（U 盘是否已拔出？）",
        "{path}: no such file or folder; nothing was changed. Check the path (was the stick removed?)",
    ),
    "os.is_folder": Words(
        "{path} 是文件夹，不是文件，未作任何改动；请给出文件名",
        "{path} is a folder, not a file; nothing was changed. Give a file name",
    ),
    "os.not_folder": Words(
        "{path}：路径中有一段不是文件夹，未作任何改动；请检查路径",
        "{path}: part of the path is not a folder; nothing was changed. Check the path",
    ),
    "os.exists": Words(
        "{path} 已存在，未作任何改动；请换一个名字，或先移走它",
        "{path} already exists; nothing was changed. Choose another name or move it away first",
    ),
    "os.io": Words(
        "{path}：读写出错（磁盘或 U 盘可能有问题，或已被拔出），未作任何改动；请检查后重试",
        "{path}: a read or write failed (the disk or stick may be faulty or removed); nothing was changed. "
        "Check it and try again",
    ),
    "os.busy": Words(
        "{path}：正被另一个程序使用，未作任何改动；请关闭该程序后重试",
        "{path}: in use by another program; nothing was changed. Close it and try again",
    ),
    "os.name_too_long": Words(
        "{path}：文件名或路径太长，未作任何改动；请换一个短一些的位置",
        "{path}: the file name or path is too long; nothing was changed. Choose a shorter place",
    ),
    # An OSError met inside a use case, worded as itself (by errno, with its path): ``error=exc``.
    "os.error": Words("{error}", "{error}"),  # in PASS_THROUGH
    "os.other": Words(
        "{path}：无法读写（{reason}），未作任何改动",
        "{path}: cannot be read or written ({reason}); nothing was changed",
    ),
    # -- the city's indicators (services/indicators.py, services/indicator_import.py) --------------
    "indicator.no_counties": Words(
        "本站还没有县（市、区）级区划，无法下达指标",
        "This station has no county divisions yet, so no indicator can be set",
    ),
    "indicator.copy_same_year": Words(
        "复制的目标年度与来源年度相同", "The year copied to is the year copied from"
    ),
    "indicator.has_progress": Words(
        "指标“{name}”已有 {count} 条进度记录（县乡上报），不能删除；如需停用，请修改该指标",
        "The indicator “{name}” has {count} progress entries reported by the counties and townships, so it "
        "cannot be deleted; edit it instead to retire it",
    ),
    "indicator_import.missing": Words("找不到文件 {path}", "No such file: {path}"),
    "indicator_import.unreadable": Words(
        "{path} 不是可读的 .xlsx 工作簿", "{path} is not a readable .xlsx workbook"
    ),
    "indicator_import.no_heading": Words(
        "工作簿第一张表中找不到含“名称”的表头行",
        "The workbook's first sheet has no heading row with the name column",
    ),
    "indicator_import.columns_missing": Words(
        "第 {row} 行的表头缺少列：{columns}", "The heading in row {row} lacks the columns {columns}"
    ),
    "indicator_import.cell": Words(
        "第 {row} 行“{column}”：{reason}", "Row {row}, column “{column}”: {reason}"
    ),
    "indicator_import.code_repeated": Words("与第 {first} 行的编号重复", "The same code as row {first}"),
    "indicator_import.empty": Words("{path} 中没有填写任何指标", "{path} holds no indicator"),
    # -- progress labels (task.report): shown in the progress dialog and the CLI's progress line ---------
    "working.adding_file": Words("正在添加 {name}（{done}/{total}）", "Adding {name} ({done}/{total})"),
    "working.saving": Words("正在保存", "Saving"),
    "working.exporting_file": Words("正在导出 {name}", "Exporting {name}"),
    "working.writing_archive_summary": Words("正在写档案摘要", "Writing the archive summary"),
    "working.counting_report": Words("正在统计报表", "Compiling the report tables"),
    "working.gathering_notice": Words("正在整理公示名单", "Compiling the public notice"),
    "working.roster_checking": Words("检查花名册", "Checking the roster"),
    "working.roster_writing": Words("写入农户", "Writing the households"),
    "working.roster_committing": Words("提交", "Finishing the import"),
    "working.roster_gathering": Words("整理农户", "Gathering the households"),
    "working.roster_writing_excel": Words("写入 Excel 文件", "Writing the Excel file"),
    "working.package_records": Words("写入同步包：记录", "Writing the package: records"),
    "working.package_attachments": Words("写入同步包：附件", "Writing the package: attachments"),
    "working.package_verifying": Words("校验同步包：记录", "Verifying the package: records"),
    "working.merging_package": Words("合并同步包 {name}", "Merging the package {name}"),
    "working.merged": Words("合并完成", "Merge finished"),
    "working.writing_stick": Words("正在写入U盘", "Writing to the USB drive"),
    "working.verifying_stick": Words("正在校验U盘上的备份", "Verifying the backup on the USB drive"),
    "working.backed_up": Words("备份完成", "Backup finished"),
    "working.checking_backup": Words("正在检查备份", "Checking the backup"),
    "working.restoring_attachments": Words("正在恢复附件", "Restoring the attachments"),
    "working.replacing_database": Words("正在替换数据库", "Replacing the database"),
    "working.encrypting_database": Words("正在加密数据库", "Encrypting the database"),
    "working.encrypting_backups": Words("正在加密备份", "Encrypting the backups"),
    "working.encrypting_files": Words("正在加密附件和草稿", "Encrypting the attachments and drafts"),
    "working.encrypting_attachments": Words(
        "正在加密附件（{done}/{total}）", "Encrypting the attachments ({done}/{total})"
    ),
    "working.attachments_encrypted": Words("附件已加密", "Attachments encrypted"),
    "working.encrypting_drafts": Words("正在加密草稿和日志", "Encrypting the drafts and logs"),
    "working.wiping_clear_caches": Words("正在清除明文缓存", "Removing the unencrypted caches"),
    "working.encrypted": Words("加密完成", "Encryption finished"),
    "working.demo_households": Words("生成农户", "Generating households"),
    "working.demo_records": Words(
        "生成项目、培训和考核指标", "Generating projects, trainings and indicators"
    ),
    "working.demo_photos": Words("生成附件照片", "Generating attachment photos"),
    # -- audit log summaries (services/audit.py Summary: stored in Chinese, shown in the reader's language)
    "audit.backup": Words(
        "备份到 {folder}：{files} 个文件，附件 {attachments} 个，已校验",
        "Backed up to {folder}: {files} files, {attachments} attachments, verified",
    ),
    "audit.restore": Words(
        "从备份 {source}（{taken_at}）恢复；恢复前的数据已备份为 {safety}",
        "Restored from the backup {source} ({taken_at}); the data before it was backed up as {safety}",
    ),
    "audit.unused_blobs": Words(
        "删除 {count} 个没有记录使用的附件文件（{bytes} 字节）",
        "Removed {count} attachment files no record uses ({bytes} bytes)",
    ),
    "audit.conflict": Words(
        "冲突 {id}（{table} {field}）：{choice}", "Conflict {id} ({table} {field}): {choice}"
    ),
    "audit.attachment_export": Words(
        "导出附件 {name} 到 {folder}", "Exported the attachment {name} to {folder}"
    ),
    "audit.report": Words(
        "导出{year}年度报表（{scope}）：{file}", "Exported the {year} report (“{scope}”): {file}"
    ),
    "audit.idle_lock": Words(
        "闲置 {minutes} 分钟，自动锁屏", "Idle for {minutes} minutes: the screen locked itself"
    ),
    "audit.screen_lock": Words("锁屏", "Screen locked"),
    "audit.failure_logs": Words(
        "导出错误日志 {count} 份到 {target}（原因：{reason}）",
        "Exported {count} error logs to {target} (reason: {reason})",
    ),
    "audit.roster_import": Words(
        "导入花名册 {file}：新增农户 {added} 户，更新 {updated} 户，未导入 {rejected} 行",
        "Imported the roster {file}: {added} households added, {updated} updated, {rejected} rows not "
        "imported",
    ),
    "audit.disclosure": Words("导出{what}（{numbers}）：{file}", "Exported the {what} ({numbers}): {file}"),
    "audit.disclosure_why": Words(
        "导出{what}（{numbers}）：{file}；原因：{reason}",
        "Exported the {what} ({numbers}): {file}; reason: {reason}",
    ),
    "audit.user_create": Words("新建用户 {user}（{role}）", "User {user} created ({role})"),
    "audit.user_disable": Words("停用用户 {user}", "User {user} disabled"),
    "audit.password_reset": Words("重设用户 {user} 的密码", "Password of {user} reset"),
    "audit.own_password": Words("修改自己的密码", "Changed their own password"),
    "audit.user_role": Words("用户 {user} 的角色：{before} → {after}", "Role of {user}: {before} → {after}"),
    "audit.recovered": Words(
        "用恢复码重设管理员 {user} 的密码",
        "Password of the administrator {user} reset with the recovery code",
    ),
    "audit.first_admin": Words("首位管理员 {user}", "First administrator {user}"),
    "audit.demo": Words(
        "生成演示数据：农户 {households} 户，成员 {members} 人，调查 {surveys} 条，项目 {projects} 个"
        "（随机种子 {seed}）",
        "Demo data generated: {households} households, {members} members, {surveys} surveys, "
        "{projects} projects (random seed {seed})",
    ),
    "audit.init": Words(
        "初始化站点：{name}（{level}，{division}）", "Station set up: “{name}” ({level}, {division})"
    ),
    "audit.init_enrolled": Words(
        "初始化站点：{name}（{level}，{division}），由“{upper}”登记",
        "Station set up: “{name}” ({level}, {division}), enrolled by “{upper}”",
    ),
    "audit.enroll": Words(
        "登记下级站点：{name}（{level}，{division}）",
        "Lower station enrolled: “{name}” ({level}, {division})",
    ),
    "audit.reenroll": Words(
        "重新登记下级站点：{name}（{level}，{division}）",
        "Lower station enrolled again: “{name}” ({level}, {division})",
    ),
    "audit.revoke": Words(
        "吊销下级站点：{name}（{division}）", "Lower station revoked: “{name}” ({division})"
    ),
    "audit.revoke_why": Words(
        "吊销下级站点：{name}（{division}），原因：{reason}",
        "Lower station revoked: “{name}” ({division}); reason: {reason}",
    ),
    "audit.package_export": Words(
        "导出同步包 {package}（给 {recipient}）：{records} 条记录，{attachments} 个附件",
        "Sync package {package} exported (for “{recipient}”): {records} records, {attachments} attachments",
    ),
    "audit.merge": Words(
        "合并同步包 {package}（来自 {origin}）：新增 {new}，更新 {updated}，冲突 {conflicts}",
        "Sync package {package} merged (from {origin}): {new} new, {updated} updated, {conflicts} conflicts",
    ),
    "audit.login": Words("登录", "Logged in"),
    "audit.login_failed": Words(
        "登录失败（密码错误）：第 {attempt} 次", "Login failed (wrong password): attempt {attempt}"
    ),
    "audit.locked": Words(
        "连续输错密码，账号锁定：{until}", "Too many wrong passwords in a row, account locked until {until}"
    ),
    # -- SQLite (messages/system.py) ------------------------------------------------------------------
    "db.locked": Words(
        "数据库正被另一个程序使用（{database}），等待后仍未释放，未作任何改动；请等另一个程序完成或关闭它后重试",
        "The database ({database}) is in use by another program and stayed busy; nothing was changed. Wait "
        "for the other program to finish or close it, then try again",
    ),
    "db.full": Words(
        "数据库所在的磁盘空间已满（{database}），未作任何改动；请清理磁盘后重试",
        "The disk holding the database ({database}) is full; nothing was changed. Free some space and try "
        "again",
    ),
    "db.io": Words(
        "读写数据库时出错（{database}）：磁盘可能已满、文件超过了允许的大小，或磁盘有故障；本次操作已撤销，"
        "未作任何改动。请腾出空间或检查磁盘后重试，必要时运行 check",
        "Reading or writing the database ({database}) failed: the disk may be full, a file may exceed the "
        "size allowed, or the disk is faulty; the operation was undone and nothing was changed. Free some "
        "space or check the disk and try again; run check if it persists",
    ),
    "db.read_only": Words(
        "数据库文件只能读不能写（{database}），未作任何改动；请检查数据文件夹的权限或磁盘写保护",
        "The database ({database}) can be read but not written; nothing was changed. Check the data folder's "
        "permissions or write protection",
    ),
    "db.cannot_open": Words(
        "无法打开数据库（{database}），未作任何改动；请检查数据文件夹是否存在、能否写入",
        "The database ({database}) cannot be opened; nothing was changed. Check that the data folder exists "
        "and can be written",
    ),
    "db.damaged": Words(
        "数据库文件已损坏（{database}）；请从 backups/ 中的备份恢复，或联系技术支持",
        "The database file ({database}) is damaged; restore it from a copy in backups/ or contact support",
    ),
    # -- validation issues with no parameters (the Chinese is the validator's own line) -----------
    "user.username": Words(
        "用户名应为 2–30 位小写字母、数字或 _ . -，以字母开头",
        "A user name is 2–30 lower-case letters, digits or _ . -, starting with a letter",
    ),
    "division.name_missing": Words("名称不能为空", "The name is empty"),
    "division.name_too_long": Words("名称不能超过 100 个字", "The name is longer than 100 characters"),
    "division.parent_unknown": Words("所属乡镇不存在", "The township it belongs to does not exist"),
    "training.topic_missing": Words("培训主题不能为空", "The training topic is empty"),
    "training.date_future": Words("培训日期不能晚于今天", "The training date is after today"),
    "training.division_unknown": Words(
        "培训地点所在区划不存在", "The division of the training place does not exist"
    ),
    "training.hours_negative": Words("培训学时不能为负数", "The training hours are negative"),
    "training.extra_negative": Words(
        "名单外参训人数不能为负数", "The number of trainees not on the list is negative"
    ),
    "training.project_unknown": Words(
        "关联的项目不存在或已删除", "The linked project does not exist or was deleted"
    ),
    "indicator.division_unknown": Words(
        "考核单位（县级区划）不存在", "The assessed unit (a county division) does not exist"
    ),
    "indicator.deduction_negative": Words("扣分值不能为负数", "The deduction is negative"),
    "indicator.step_missing": Words(
        "按差额扣分时须填写每档差额", "Deducting by shortfall needs the size of each step"
    ),
    "progress.date_future": Words("填报日期不能晚于今天", "The reporting date is after today"),
    "progress.empty": Words("请填写完成值或进展说明", "Give the value reached or a note on the progress"),
    "indicator.name_missing": Words("指标名称不能为空", "The indicator name is empty"),
    "indicator.max_score_negative": Words("分值不能为负数", "The score is negative"),
    "indicator.city_only": Words(
        "考核指标由市级下达，本站只能填报完成进度",
        "Indicators are set by the city; this station can only report progress",
    ),
    "stage.date_future": Words("办理日期不能晚于今天", "The date of this step is after today"),
    "project.code_missing": Words("项目编号不能为空", "The project number is empty"),
    "project.start_missing": Words(
        "已填实际完工日期，但未填实际开工日期",
        "The actual finish date is given but the actual start date is not",
    ),
    "project.name_missing": Words("项目名称不能为空", "The project name is empty"),
    "project.division_unknown": Words("项目所在地（区划）不存在", "The project's division does not exist"),
    "project.no_funds": Words("项目尚未填写任何资金", "The project has no funds entered yet"),
    "project.code_too_long": Words(
        "项目编号不能超过 40 个字符", "The project number is longer than 40 characters"
    ),
    "stage.nothing_to_return": Words(
        "项目尚未申报，无法退回", "The project has not been submitted, so it cannot be sent back"
    ),
    # -- validation issues with parameters (raised with ``Issue.worded``: the Chinese comes from here) --
    "division.parent_not_township": Words(
        "“{name}”是{level}级区划，村只能添加在乡镇下",
        "“{name}” is {level} division; a village can be added only under a township",
    ),
    "division.own_station": Words(
        "“{name}”是本站点所在区划，不能删除", "“{name}” is this station's own division and cannot be deleted"
    ),
    "division.in_use": Words(
        "“{name}”仍有 {listed} 在用，不能删除", "“{name}” is still used by {listed} and cannot be deleted"
    ),
    "division.reference": Words(
        "“{name}”是系统内置的区划，不能{verb}", "“{name}” is a built-in division and cannot be {verb}"
    ),
    "division.name_taken": Words(
        "{where}已有名为“{name}”的区划", "There is already a division named “{name}” in {where}"
    ),
    "division.code_format": Words(
        "村级区划代码“{division_code}”应为 12 位数字",
        "The village division code “{division_code}” should have 12 digits",
    ),
    "division.code_taken": Words(
        "区划代码 {division_code} 已被“{name}”使用",
        "The division code {division_code} is already used by “{name}”",
    ),
    "division.code_outside_township": Words(
        "区划代码 {division_code} 与所属乡镇“{township}”的代码（{township_code}）前 9 位不一致",
        "The first 9 digits of the division code {division_code} differ from those of its township "
        "“{township}” ({township_code})",
    ),
    "indicator.year": Words("考核年度 {year} 不合理", "The assessment year {year} is not plausible"),
    "indicator.deadline_other_year": Words(
        "完成时限 {deadline} 不在考核年度 {year} 年内",
        "The deadline {deadline} is not in the assessment year {year}",
    ),
    "indicator.division_not_county": Words(
        "“{name}”不是县（市、区）级区划，考核指标只能下达到县",
        "“{name}” is not a county division; indicators are set for counties only",
    ),
    "indicator.code_taken": Words(
        "{year} 年已有编号为“{indicator_code}”的指标“{name}”",
        "In {year} the number “{indicator_code}” is already the indicator “{name}”",
    ),
    "milestone.month": Words("月份 {month} 无效，应为 1 到 12", "The month {month} is not valid: 1 to 12"),
    "milestone.month_repeated": Words(
        "{month} 月的进度安排重复", "The plan for month {month} is given twice"
    ),
    "indicator.method_unknown": Words("计分方式“{method}”无效", "The scoring method “{method}” is not valid"),
    "indicator.grace_days": Words(
        "宽限天数 {days} 无效，应为 0 到 31", "The grace period of {days} days is not valid: 0 to 31"
    ),
    "indicator.figure_unknown": Words("关联数据“{figure}”无效", "The linked figure “{figure}” is not valid"),
    "progress.bound": Words(
        "指标“{name}”的进度由系统按{figure}自动统计，不能手工填报",
        "The progress of the indicator “{name}” is counted by the program ({figure}) and cannot be "
        "entered by hand",
    ),
    "progress.date_other_year": Words(
        "填报日期 {date} 不在考核年度 {year} 年内",
        "The reporting date {date} is not in the assessment year {year}",
    ),
    "progress.month": Words("月份 {month} 无效，应为 1 到 12", "The month {month} is not valid: 1 to 12"),
    "progress.other_county": Words(
        "指标“{name}”属于{county}，本站不能填报其他县的进度",
        "The indicator “{name}” belongs to {county}; this station cannot report another county's progress",
    ),
    "project.category_unknown": Words(
        "项目类别“{category}”无效", "The project category “{category}” is not valid"
    ),
    "project.year": Words(
        "项目年度 {year} 不合理（应在 {first} 到 {last} 之间）",
        "The project year {year} is not plausible (it should be from {first} to {last})",
    ),
    "project.finish_before_start": Words(
        "{kind}完工日期早于{kind}开工日期", "The {kind} finish date is before the {kind} start date"
    ),
    "project.date_future": Words("{label}不能晚于今天", "The {label} cannot be after today"),
    "project.beneficiary_unknown": Words(
        "有 {count} 户受益农户不存在或已删除",
        "{count} beneficiary household(s) do not exist or were deleted",
    ),
    "project.code_taken": Words(
        "项目编号“{project_code}”已被项目“{name}”（{year} 年）使用",
        "The project number “{project_code}” is already used by the project “{name}” ({year})",
    ),
    "stage.finished": Words(
        "项目已到最后阶段“{stage}”，没有下一个阶段",
        "The project is at its last stage “{stage}”; there is no next stage",
    ),
    "stage.out_of_order": Words(
        "{where}下一步只能是“{expected_name}”，不能直接进入“{given_name}”",
        "{where} the next stage can only be “{expected_name}”, not “{given_name}”",
    ),
    "stage.unknown": Words("阶段“{stage}”无效", "The stage “{stage}” is not valid"),
    "stage.return_not_back": Words(
        "当前阶段为“{current_name}”，只能退回到它之前的阶段，不能退回到“{given_name}”",
        "The current stage is “{current_name}”: the project can go back only to an earlier stage, not to "
        "“{given_name}”",
    ),
    "stage.date_before_previous": Words(
        "办理日期 {date} 早于上一步“{stage}”的日期 {previous}",
        "The date {date} is before the date of the previous stage “{stage}” ({previous})",
    ),
    "training.hours_long": Words(
        "培训学时 {hours} 超过 {limit} 小时，请确认",
        "{hours} training hours is more than {limit}; please check",
    ),
    "training.household_unknown": Words(
        "第 {number} 名参训人员所在农户不存在或已删除",
        "The household of trainee {number} does not exist or was deleted",
    ),
    "training.member_unknown": Words(
        "第 {number} 名参训人员不存在或已删除", "Trainee {number} does not exist or was deleted"
    ),
    "training.member_not_in_household": Words(
        "第 {number} 名参训人员不是所选农户的家庭成员",
        "Trainee {number} is not a member of the chosen household",
    ),
    "user.role": Words(
        "角色“{role}”无效（应为 entry、reviewer 或 admin）",
        "The role “{role}” is not valid (entry, reviewer or admin)",
    ),
    "user.exists": Words("用户名“{username}”已存在", "The user name “{username}” already exists"),
    "attachment.category": Words(
        "附件类别“{category}”无效", "The attachment category “{category}” is not valid"
    ),
    "attachment.missing": Words(
        "附件缺失：{name}（请运行“检查”）", "Attachment missing: {name} (run “Check”)"
    ),
    "attachment.damaged": Words(
        "附件已损坏（内容与校验值不符）：{name}",
        "Attachment damaged (its content does not match its checksum): {name}",
    ),
    "attachment.no_owner_table": Words("不能给“{table}”添加附件", "Attachments cannot be added to “{table}”"),
    "attachment.verify_failed": Words(
        "写入后校验不一致（磁盘可能有故障），未保存",
        "The copy did not match after writing (the disk may be faulty); not saved",
    ),
    "attachment.already_there": Words(
        "本记录已有这个文件（内容完全相同），未重复添加",
        "This record already has this file (identical content); not added twice",
    ),
    "attachment.gone": Words(
        "文件不存在（可能已被移走或删除）", "The file does not exist (moved or deleted?)"
    ),
    "attachment.not_a_file": Words(
        "不是文件（文件夹请用“添加文件夹”）", "Not a file (for a folder use “Add folder”)"
    ),
    "attachment.empty": Words(
        "文件是空的（0 字节），可能没有拷贝完整",
        "The file is empty (0 bytes); perhaps it was not copied completely",
    ),
    "attachment.too_large": Words(
        "文件太大（{size}），超过了上限 {limit}", "The file is too large ({size}); the limit is {limit}"
    ),
    "attachment.unreadable_image": Words(
        "图片无法读取（文件已损坏或不是图片）",
        "The picture cannot be read (the file is damaged or not a picture)",
    ),
    "attachment.renamed": Words(
        "文件名含有特殊字符或过长，已保存为“{name}”",
        "The file name had special characters or was too long; saved as “{name}”",
    ),
    # -- a package that cannot be written or read (sync/package.py, package_streams.py) ----------------
    "package.key_no_station": Words(
        "本站密钥未标明站点，无法写同步包",
        "This station's key names no station; the package cannot be written",
    ),
    "package.recipient_key_invalid": Words(
        "接收站点的公钥无效，无法写同步包；请重新登记该站点",
        "The receiving station's public key is not valid; the package cannot be written. Enroll that "
        "station again",
    ),
    "package.no_temp_folder": Words(
        "无法在 {path} 中建立临时文件夹",
        "No temporary folder can be made in {path}",
    ),
    "package.blob_checksum_malformed": Words(
        "附件校验值格式不符（{sha}）",
        "An attachment checksum is malformed ({sha})",
    ),
    "package.payload_unpackable": Words(
        "同步包数据无法解压，已损坏",
        "The package data cannot be decompressed: the package is damaged",
    ),
    "package.record_too_long": Words(
        "同步包数据中有过长的记录，格式不符",
        "The package data holds a record that is too long: not a valid package",
    ),
    "package.payload_truncated": Words(
        "同步包数据结尾不完整，已损坏",
        "The end of the package data is missing: the package is damaged",
    ),
    "package.record_count": Words(
        "同步包中的记录数（{count}）与清单（{listed}）不符，已损坏",
        "The package holds {count} records but its manifest lists {listed}: the package is damaged",
    ),
    "package.blob_index_damaged": Words(
        "同步包的附件目录已损坏",
        "The package's attachment list is damaged",
    ),
    "package.blob_index_malformed": Words(
        "同步包的附件目录格式不符",
        "The package's attachment list is malformed",
    ),
    "package.blob_index_mismatch": Words(
        "同步包的附件目录与附件文件不符",
        "The package's attachment list does not match its attachment files",
    ),
    "package.blob_checksum_mismatch": Words(
        "附件 {number} 的内容与其校验值不符，同步包已损坏",
        "Attachment {number} does not match its checksum: the package is damaged",
    ),
    "package.record_unreadable": Words(
        "同步包中有无法读取的记录，已损坏",
        "The package holds a record that cannot be read: the package is damaged",
    ),
    "package.record_malformed": Words(
        "同步包中有格式不符的记录",
        "The package holds a malformed record",
    ),
    "package.no_sender": Words(
        "同步包清单缺少发送站点",
        "The package manifest names no sending station",
    ),
    "package.not_a_file": Words(
        "同步包中的 {name} 不是正常文件",
        "{name} in the package is not an ordinary file",
    ),
    "package.no_file_list": Words(
        "同步包清单缺少文件列表，格式不符",
        "The package manifest has no file list: not a valid package",
    ),
    "package.unsafe_name": Words(
        "同步包清单中有不安全的文件名（{name}），已拒绝",
        "The package manifest names an unsafe file ({name}); refused",
    ),
    "package.file_list_malformed": Words(
        "同步包清单的文件列表格式不符",
        "The file list of the package manifest is malformed",
    ),
    "package.file_entry_malformed": Words(
        "同步包清单中文件 {name} 的记录格式不符",
        "The manifest's entry for the file {name} is malformed",
    ),
    "package.not_a_file_refused": Words(
        "同步包中的 {name} 不是正常文件，已拒绝",
        "{name} in the package is not an ordinary file; refused",
    ),
    "package.format_newer": Words(
        "同步包格式较新（版本 {version}），请先升级本程序",
        "The package has a newer format (version {version}); upgrade this program first",
    ),
    "package.format_older": Words(
        "同步包格式较旧（版本 {version}），请发送方升级程序后重新导出",
        "The package has an older format (version {version}); the sender should upgrade the program and "
        "export again",
    ),
    "package.schema_invalid": Words(
        "同步包清单中的数据结构版本无效",
        "The schema version in the package manifest is not valid",
    ),
    "package.schema_newer": Words(
        "同步包来自较新版本的程序（数据结构 {revision}），请先升级本程序",
        "The package comes from a newer version of the program (schema {revision}); upgrade this program "
        "first",
    ),
    "package.manifest_field_missing": Words(
        "同步包清单缺少 {key}，格式不符",
        "The package manifest has no {key}: not a valid package",
    ),
    "package.id_malformed": Words(
        "同步包编号格式不符",
        "The package number is malformed",
    ),
    "package.time_malformed": Words(
        "同步包清单中的时间格式不符",
        "The time in the package manifest is malformed",
    ),
    "package.too_many_volumes": Words(
        "同步包分卷过多（超过 {limit} 个），请调大分卷大小",
        "The package would need more than {limit} volumes; choose a larger volume size",
    ),
    "package.file_truncated": Words(
        "同步包文件 {name} 比清单所写的短，已被截断",
        "The package file {name} is shorter than its manifest says: it was truncated",
    ),
    "package.extra_data": Words(
        "同步包中有多余的数据，格式不符",
        "The package holds data beyond what it should: not a valid package",
    ),
    "package.stream_truncated": Words(
        "{what}不完整，同步包已被截断",
        "The {what} is incomplete: the package was truncated",
    ),
    "package.stream_no_end": Words(
        "{what}不完整（缺少结尾），同步包已被截断",
        "The {what} is incomplete (its end is missing): the package was truncated",
    ),
    "package.not_for_this_station": Words(
        "同步包是发给其他站点的，不能在本站打开",
        "The package is addressed to another station and cannot be opened here",
    ),
    "package.stream_tampered": Words(
        "{what}无法通过校验（内容被改动或已损坏）",
        "The {what} fails its check (changed or damaged)",
    ),
}
