<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>The data folder could not be opened.

Reason: {reason}</source>
        <translation>无法打开数据文件夹。

原因：{reason}</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
</context>
<context>
    <name>AssessmentGrid</name>
    <message>
        <source>On time</source>
        <translation>按期完成</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
</context>
<context>
    <name>AssessmentGridModel</name>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Milestones of month %1: %2</source>
        <translation>%1月时间节点：%2</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>Enter progress…</source>
        <translation>填报进度…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>New indicator…</source>
        <translation>新建指标…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Copy to a new year…</source>
        <translation>复制到新年度…</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>正在计分…</translation>
    </message>
    <message>
        <source>No indicators yet: the city defines them and sends them down.</source>
        <translation>还没有考核指标：考核指标由市级制定并下发。</translation>
    </message>
    <message>
        <source>Scored as of %1. Each month shows the milestones met on time out of those due.</source>
        <translation>计分截至 %1。每月格中为按期完成的时间节点数 / 该月节点总数。</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>%1: %2 indicators, %3 points</source>
        <translation>%1：%2 项指标，得分 %3</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（不分类）</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Record…</source>
        <translation>录音…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>No microphone was found on this computer.</source>
        <translation>这台电脑上没有找到麦克风。</translation>
    </message>
    <message>
        <source>Category for new files:</source>
        <translation>新文件类别：</translation>
    </message>
    <message>
        <source>Save the record first; then photos, recordings and documents can be added here.</source>
        <translation>请先保存这条记录，然后就可以在这里添加照片、录音和文档。</translation>
    </message>
    <message>
        <source>No files yet. Drag photos, recordings or documents here, or use “Add files…”.</source>
        <translation>还没有文件。可以把照片、录音或文档拖到这里，或点“添加文件…”。</translation>
    </message>
    <message>
        <source>{count} files</source>
        <translation>共 {count} 个文件</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Add every file of a folder</source>
        <translation>添加文件夹中的全部文件</translation>
    </message>
    <message>
        <source>There are no files in that folder.</source>
        <translation>该文件夹中没有文件。</translation>
    </message>
    <message>
        <source>Adding {count} files…</source>
        <translation>正在添加 {count} 个文件…</translation>
    </message>
    <message>
        <source>Cancelled: none of the files were added.</source>
        <translation>已取消：没有添加任何文件。</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 个</translation>
    </message>
    <message>
        <source>{added} of {total} files added.</source>
        <translation>{total} 个文件中已添加 {added} 个。</translation>
    </message>
    <message>
        <source>The file is missing from the store; run Check.</source>
        <translation>附件库中缺少这个文件，请运行“检查”。</translation>
    </message>
    <message>
        <source>Remove files</source>
        <translation>移除文件</translation>
    </message>
    <message>
        <source>Remove {count} file(s) from this record?
Other records that use the same file keep it.</source>
        <translation>从这条记录中移除 {count} 个文件？
其他记录中用到的同一文件不受影响。</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>{count} file(s) exported to {folder}</source>
        <translation>已导出 {count} 个文件到 {folder}</translation>
    </message>
    <message>
        <source>Exporting files…</source>
        <translation>正在导出文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Caption and category…</source>
        <translation>说明和类别…</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和材料</translation>
    </message>
</context>
<context>
    <name>AttachmentPlaceholder</name>
    <message>
        <source>Photos, audio and video can be attached in a later version.</source>
        <translation>照片、录音和视频将在后续版本中可以添加。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>What</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>改动前 → 改动后</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Record id (exact)</source>
        <translation>记录编号（完整）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>{shown} newest of {total} lines (the export takes them all)</source>
        <translation>显示最新 {shown} 条，共 {total} 条（导出包含全部）</translation>
    </message>
    <message>
        <source>{count} lines</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>audit-log.xlsx</source>
        <translation>审计日志.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Exported {count} lines to {path}</source>
        <translation>已导出 {count} 条到 {path}</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Last automatic backup:</source>
        <translation>最近一次自动备份：</translation>
    </message>
    <message>
        <source>Last backup to a USB stick:</source>
        <translation>最近一次备份到U盘：</translation>
    </message>
    <message>
        <source>Back up to USB stick…</source>
        <translation>备份到U盘…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>A backup is taken every day while the program runs and before every merge; the last 7 days and 4 weeks are kept. A backup to a USB stick also holds the attachments, stays encrypted and opens with a user&apos;s password or the recovery code.</source>
        <translation>程序运行时每天自动备份一次，每次合并前也备份；保留最近 7 天和 4 周的备份。备份到U盘时连同附件一起备份，备份保持加密，可用用户密码或恢复码打开。</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>还没有</translation>
    </message>
    <message>
        <source>{when} ({count} kept)</source>
        <translation>{when}（共保留 {count} 份）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未备份</translation>
    </message>
    <message>
        <source>{when}, {folder}</source>
        <translation>{when}，{folder}</translation>
    </message>
</context>
<context>
    <name>ConflictPreviewTable</name>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>保留的值</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>另一值</translation>
    </message>
</context>
<context>
    <name>ConflictReviewDialog</name>
    <message>
        <source>Review conflicts</source>
        <translation>冲突审核</translation>
    </message>
    <message>
        <source>The merge applied one value and kept the other here. Keep the current value, or use the other one: it becomes a new edit and reaches the other stations with the next sync.</source>
        <translation>合并时已采用其中一个值，另一个值保存在这里。可以保留当前值，或改用另一值：改用的值作为一次新的修改，随下次同步发往其他站点。</translation>
    </message>
    <message>
        <source>Show resolved conflicts too</source>
        <translation>同时显示已处理的冲突</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>No open conflicts: every merged value agrees.</source>
        <translation>没有待审核的冲突：合并的数据全部一致。</translation>
    </message>
    <message>
        <source>Current value (applied)</source>
        <translation>当前值（已采用）</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>另一值</translation>
    </message>
    <message>
        <source>&amp;Keep current value</source>
        <translation>保留当前值(&amp;K)</translation>
    </message>
    <message>
        <source>The applied value stays; the conflict is closed (K)</source>
        <translation>保留已采用的值，此冲突处理完毕（K）</translation>
    </message>
    <message>
        <source>Use the &amp;other value</source>
        <translation>改用另一值(&amp;O)</translation>
    </message>
    <message>
        <source>The other value becomes a new edit that syncs to the other stations (O)</source>
        <translation>另一值作为一次新的修改，同步到其他站点（O）</translation>
    </message>
    <message>
        <source>Open both households</source>
        <translation>打开两户</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Differs in</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <source>This household</source>
        <translation>本户</translation>
    </message>
    <message>
        <source>Other household</source>
        <translation>另一户</translation>
    </message>
    <message>
        <source>↑/↓ move through the list; K keeps the current value, O uses the other.</source>
        <translation>↑/↓ 在列表中移动；K 保留当前值，O 改用另一值。</translation>
    </message>
    <message>
        <source>{field}: {kind}, found {time}</source>
        <translation>{field}：{kind}，发现于 {time}</translation>
    </message>
    <message>
        <source>Saving the decision…</source>
        <translation>正在保存审核结果…</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <source>Locked. Type your password in the main window.</source>
        <translation>已锁定。请在主窗口输入密码。</translation>
    </message>
</context>
<context>
    <name>CrashLog</name>
    <message>
        <source>Internal error ({reason}); the work was not finished, and no log could be written.</source>
        <translation>程序内部错误（{reason}），操作未完成；也无法写入日志。</translation>
    </message>
    <message>
        <source>Internal error ({reason}); the work was not finished. The details are sealed in {log}: an administrator reads them under Help → Failure logs.</source>
        <translation>程序内部错误（{reason}），操作未完成；详细信息已加密写入 {log}，管理员可在“帮助 → 错误日志”中查看。</translation>
    </message>
    <message>
        <source>Internal error ({reason}); the work was not finished. The details are in {log}.</source>
        <translation>程序内部错误（{reason}），操作未完成；详细信息已写入 {log}。</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <source>Households by township · {year}</source>
        <translation>各乡镇受益农户 · {year} 年</translation>
    </message>
    <message>
        <source>Households by village · {year}</source>
        <translation>各村受益农户 · {year} 年</translation>
    </message>
    <message>
        <source>Households covered</source>
        <translation>覆盖农户</translation>
    </message>
    <message>
        <source>Households surveyed</source>
        <translation>入户调查</translation>
    </message>
    <message>
        <source>No households yet</source>
        <translation>还没有农户</translation>
    </message>
    <message>
        <source>Projects by category and stage · {year}</source>
        <translation>各类项目所处阶段 · {year} 年</translation>
    </message>
    <message>
        <source>No projects this year yet</source>
        <translation>本年度还没有项目</translation>
    </message>
    <message>
        <source>Funds by source (10k yuan) · {year}</source>
        <translation>各来源资金（万元） · {year} 年</translation>
    </message>
    <message>
        <source>Provincial</source>
        <translation>省专项资金</translation>
    </message>
    <message>
        <source>City and county</source>
        <translation>市县配套资金</translation>
    </message>
    <message>
        <source>Integrated</source>
        <translation>整合资金</translation>
    </message>
    <message>
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划投入</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Households covered by year (target {target})</source>
        <translation>历年覆盖农户（目标 {target} 户）</translation>
    </message>
    <message>
        <source>No project has beneficiaries yet</source>
        <translation>还没有项目登记受益农户</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overview</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Households covered</source>
        <translation>覆盖农户（户）</translation>
    </message>
    <message>
        <source>Household surveys</source>
        <translation>入户调查（户）</translation>
    </message>
    <message>
        <source>Income increase per household</source>
        <translation>户均增收</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目（个）</translation>
    </message>
    <message>
        <source>Funds planned (10k yuan)</source>
        <translation>计划投入资金（万元）</translation>
    </message>
    <message>
        <source>Training sessions</source>
        <translation>培训（期）</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Drawing the chart…</source>
        <translation>正在生成图表…</translation>
    </message>
    <message>
        <source>Lower station</source>
        <translation>下级站点</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近收到数据包</translation>
    </message>
    <message>
        <source>Days ago</source>
        <translation>距今天数</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划进度</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>实际完成</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Packages from the lower stations</source>
        <translation>下级站点数据报送</translation>
    </message>
    <message>
        <source>Indicators behind schedule</source>
        <translation>进度滞后的考核指标</translation>
    </message>
    <message>
        <source>Counting the figures…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Overview · {area}</source>
        <translation>首页 · {area}</translation>
    </message>
    <message>
        <source>all areas</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>{year}: as of {date}</source>
        <translation>{year} 年度 · 截至 {date}</translation>
    </message>
    <message>
        <source>Target {target} households</source>
        <translation>年度目标 {target} 户</translation>
    </message>
    <message>
        <source>City target {target} households</source>
        <translation>全市年度目标 {target} 户</translation>
    </message>
    <message>
        <source>of {households} households ({share})</source>
        <translation>占农户 {households} 户的 {share}</translation>
    </message>
    <message>
        <source>{accepted} accepted</source>
        <translation>已验收 {accepted} 个</translation>
    </message>
    <message>
        <source>Spent {spent} ({share})</source>
        <translation>已使用 {spent} 万元（{share}）</translation>
    </message>
    <message>
        <source>{people} people trained</source>
        <translation>培训 {people} 人次</translation>
    </message>
    <message>
        <source>No household has a baseline and a later survey</source>
        <translation>暂无同时有基期和后续调查的农户</translation>
    </message>
    <message>
        <source>{yuan} yuan</source>
        <translation>{yuan} 元</translation>
    </message>
    <message>
        <source>Goal {goal} yuan · {first}→{year}, {households} households</source>
        <translation>目标 {goal} 元 · {first}→{year} 年 · {households} 户</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未收到</translation>
    </message>
    <message>
        <source>This station has no lower stations.</source>
        <translation>本站没有下级站点。</translation>
    </message>
    <message>
        <source>{count} stations; {stale} silent for more than {days} days</source>
        <translation>共 {count} 个站点，其中 {stale} 个超过 {days} 天未报送</translation>
    </message>
    <message>
        <source>{value} (month {month})</source>
        <translation>{value}（{month} 月）</translation>
    </message>
    <message>
        <source>{count} indicators behind their monthly plan</source>
        <translation>{count} 项指标未按时间节点完成</translation>
    </message>
    <message>
        <source>Every indicator is on schedule.</source>
        <translation>各项指标均按计划推进。</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Not a date; write it as 2024-04-01</source>
        <translation>不是有效日期，请写成 2024-04-01 的形式</translation>
    </message>
</context>
<context>
    <name>Defining</name>
    <message>
        <source>Delete indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>“%1” has %2 progress entries reported by the counties and townships, so it cannot be deleted: their reports and evidence would be removed from their stations with the next return package. Edit the indicator instead to retire it.</source>
        <translation>“%1”已有 %2 条县乡上报的进度记录，不能删除：删除会在下一次回传时把他们的上报和证明材料从其站点上一并删去。如需停用，请修改该指标。</translation>
    </message>
    <message>
        <source>Delete “%1”, its milestones and reference files? The counties lose it with the next return package.</source>
        <translation>删除“%1”及其时间节点和参考附件？下一次回传后各县也将不再有此指标。</translation>
    </message>
    <message>
        <source>Deleting the indicator…</source>
        <translation>正在删除指标…</translation>
    </message>
    <message>
        <source>Copy to a new year</source>
        <translation>复制到新年度</translation>
    </message>
    <message>
        <source>Copy the indicators of %1 (with their milestones, not their progress) to the year:</source>
        <translation>把 %1 年的指标（含时间节点，不含进度）复制到年度：</translation>
    </message>
    <message>
        <source>Copying the indicators…</source>
        <translation>正在复制指标…</translation>
    </message>
    <message>
        <source>%1 indicators of %2 copied to %3.</source>
        <translation>已把 %2 年的 %1 个指标复制到 %3 年。</translation>
    </message>
    <message>
        <source>Not copied:</source>
        <translation>未复制：</translation>
    </message>
</context>
<context>
    <name>DescribeDialog</name>
    <message>
        <source>Caption and category</source>
        <translation>说明和类别</translation>
    </message>
    <message>
        <source>e.g. the new road at the village entrance</source>
        <translation>例如：村口新修的道路</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>DivisionCombo</name>
    <message>
        <source>{village} ({township})</source>
        <translation>{village}（{township}）</translation>
    </message>
</context>
<context>
    <name>DraftRecovery</name>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写姓名）</translation>
    </message>
    <message>
        <source>{who}, typed until {time}</source>
        <translation>{who}，最后录入于 {time}</translation>
    </message>
    <message>
        <source>{count} draft file(s) were damaged and cannot be restored; they were kept as {path}.</source>
        <translation>有 {count} 个草稿文件已损坏，无法恢复；已改名保留为 {path}。</translation>
    </message>
    <message>
        <source>Unsaved household data</source>
        <translation>未保存的农户信息</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 户</translation>
    </message>
    <message>
        <source>Household data was not saved last time. Restore it?</source>
        <translation>上次有未保存的农户信息，是否恢复？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>DriveBackupDialog</name>
    <message>
        <source>Back up to USB stick</source>
        <translation>备份到U盘</translation>
    </message>
    <message>
        <source>The database (encrypted), the key vault and the attachments are copied to the stick and read back to check them. If the stick is pulled out, back up again: it goes on where it stopped.</source>
        <translation>数据库（加密）、密钥库和附件将复制到U盘，写完后读回校验。如果U盘中途被拔出，再备份一次即可从中断处继续。</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>开始备份</translation>
    </message>
    <message>
        <source>Backing up to {path}…</source>
        <translation>正在备份到 {path}…</translation>
    </message>
    <message>
        <source>Backed up to {folder}: {files} files, {size}, {attachments} attachments; everything was read back and matches. The stick can be removed safely.</source>
        <translation>已备份到 {folder}：{files} 个文件，{size}，附件 {attachments} 个；全部读回校验一致。可以安全拔出U盘。</translation>
    </message>
    <message>
        <source>Cancelled. The backup on the stick is unfinished; back up again to go on with it.</source>
        <translation>已取消。U盘上的备份尚未完成；再备份一次即可接着完成。</translation>
    </message>
    <message>
        <source>The backup did not finish: {reason}</source>
        <translation>备份未完成：{reason}</translation>
    </message>
</context>
<context>
    <name>DrivePicker</name>
    <message>
        <source>No USB stick found. Plug one in (it appears here by itself) or choose a folder.</source>
        <translation>未找到U盘。插入U盘后会自动出现在这里，也可以选择文件夹。</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Folder: {path}</source>
        <translation>文件夹：{path}</translation>
    </message>
    <message>
        <source>{label}   {free} free of {total}</source>
        <translation>{label}   可用 {free}，共 {total}</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Re-enroll a station</source>
        <translation>重新登记站点</translation>
    </message>
    <message>
        <source>Enroll a new station</source>
        <translation>登记新站点</translation>
    </message>
    <message>
        <source>e.g. Mayouying Mongol Township</source>
        <translation>如：马友营蒙古族乡</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Division:</source>
        <translation>行政区划：</translation>
    </message>
    <message>
        <source>Station name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <source>Save setup file</source>
        <translation>保存安装文件</translation>
    </message>
    <message>
        <source>Setup code</source>
        <translation>安装码</translation>
    </message>
    <message>
        <source>The setup file and a one-time setup code let the new station&apos;s first start set itself up; its first package then registers it here, and from then on this station accepts its packages.</source>
        <translation>安装文件和一次性安装码供新站点首次启动时完成设置；它发来的第一个同步包在本站登记其密钥，此后本站接受它的同步包。</translation>
    </message>
    <message>
        <source>Save the setup file to:</source>
        <translation>安装文件保存到：</translation>
    </message>
    <message>
        <source>Pick a township or type its 12-digit code</source>
        <translation>选择乡镇，或输入12位区划代码</translation>
    </message>
    <message>
        <source>{name} is enrolled already. Enrolling it again (you are asked to confirm) ends its current setup: packages from its current laptop are refused from then on.</source>
        <translation>{name}已登记。重新登记（会先请您确认）将使其现有安装作废：此后不再接受其现有电脑的同步包。</translation>
    </message>
    <message>
        <source>Pick a division from the list.</source>
        <translation>请从列表中选择行政区划。</translation>
    </message>
    <message>
        <source>Please enter the station name.</source>
        <translation>请填写站点名称。</translation>
    </message>
    <message>
        <source>Choose a USB stick or a folder for the setup file.</source>
        <translation>请选择保存安装文件的U盘或文件夹。</translation>
    </message>
    <message>
        <source>Writing the setup file…</source>
        <translation>正在写安装文件…</translation>
    </message>
    <message>
        <source>{name} is enrolled already. Enroll it again? From then on the packages of its current laptop are refused; use this when the station changes computer.</source>
        <translation>{name}已登记。确定重新登记吗？此后不再接受其现有电脑的同步包；仅在该站点更换电脑时使用。</translation>
    </message>
    <message>
        <source>Enroll again</source>
        <translation>重新登记</translation>
    </message>
    <message>
        <source>The setup file for {name} was saved:
{path}

Its first start asks for this setup code. Give the code separately from the stick (read it out on the phone, or on paper): whoever has both can set up the station. It works once; it is not shown again.</source>
        <translation>{name}的安装文件已保存：
{path}

该站点首次启动时需要输入这个安装码。请把安装码与 U 盘分开交给对方（电话告知或写在纸上）：同时拿到两者的人就能设置该站点。安装码只能使用一次，关闭后不再显示。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>No setup file was written: {reason}</source>
        <translation>未写入安装文件：{reason}</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>Export a sync package</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>The package holds every change the recipient has not acknowledged yet. It is encrypted for the recipient and checked after writing.</source>
        <translation>同步包包含接收方尚未确认的全部修改，只有接收方能解密，写入后会立即校验。</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>发往：</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>写入到：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>{name} (upper station)</source>
        <translation>{name}（上级站点）</translation>
    </message>
    <message>
        <source>{name} ({level}): return package</source>
        <translation>{name}（{level}）：回传包</translation>
    </message>
    <message>
        <source>Nobody yet: enroll a lower station first</source>
        <translation>还没有接收站点：请先登记下级站点</translation>
    </message>
    <message>
        <source>The upper station</source>
        <translation>上级站点</translation>
    </message>
    <message>
        <source>A return package carries reference data, corrections and acknowledgements.</source>
        <translation>回传包包含基础数据、更正和接收确认。</translation>
    </message>
    <message>
        <source>The stick may be too small: the package can be up to {size}, {free} are free.</source>
        <translation>U盘空间可能不够：同步包最大约 {size}，U盘可用 {free}。</translation>
    </message>
    <message>
        <source>This stick is formatted FAT32, which holds no file of 4 GB or more: the package is written in several parts. Keep them together.</source>
        <translation>此U盘为 FAT32 格式，不能存放 4 GB 及以上的文件：同步包将分成几个部分写入，请勿拆开。</translation>
    </message>
    <message>
        <source>Writing and checking the sync package…</source>
        <translation>正在写入并校验同步包…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>已取消导出：没有写入任何内容。</translation>
    </message>
    <message>
        <source>The package was not written: {reason}</source>
        <translation>同步包未写入：{reason}</translation>
    </message>
    <message>
        <source>Written and verified: you may safely remove the USB stick</source>
        <translation>已写入并校验：可以安全拔出U盘</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>同步包：</translation>
    </message>
    <message>
        <source>In folder:</source>
        <translation>所在文件夹：</translation>
    </message>
    <message>
        <source>Records:</source>
        <translation>记录数：</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>附件数：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Take the stick to the recipient; there, Sync → Merge packages reads it.</source>
        <translation>请把U盘交给接收方，在“同步 → 合并同步包”中读取。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <source>Showing only:</source>
        <translation>当前筛选：</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>清除全部筛选</translation>
    </message>
    <message>
        <source>Show the whole list again ({key})</source>
        <translation>重新显示全部（{key}）</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>去掉这个筛选条件</translation>
    </message>
    <message>
        <source>Remove the filter {filter}</source>
        <translation>去掉筛选条件：{filter}</translation>
    </message>
    <message>
        <source>Search “{text}”</source>
        <translation>搜索“{text}”</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Welcome to {app}</source>
        <translation>欢迎使用{app}</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
    <message>
        <source>The data folder {path} has no station yet. Set this computer up as a station, or first look around in the demo data.</source>
        <translation>数据文件夹 {path} 中还没有站点。请把这台电脑设置为一个站点，或者先打开演示数据看一看。</translation>
    </message>
    <message>
        <source>Create a station</source>
        <translation>新建站点</translation>
    </message>
    <message>
        <source>e.g. Mayouying Mongol Township</source>
        <translation>如：马友营蒙古族乡</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Division:</source>
        <translation>行政区划：</translation>
    </message>
    <message>
        <source>Station name:</source>
        <translation>站点名称：</translation>
    </message>
    <message>
        <source>Set up from a setup file</source>
        <translation>从安装文件初始化</translation>
    </message>
    <message>
        <source>Choose setup file…</source>
        <translation>选择安装文件…</translation>
    </message>
    <message>
        <source>Opens a city-level demo station with {count} made-up households in a separate folder ({path}); your data folder stays empty.</source>
        <translation>在单独的文件夹（{path}）中打开一个市级演示站点，含 {count} 户虚构农户；您的数据文件夹保持不变。</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Create station</source>
        <translation>创建站点</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>第一位管理员</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Please enter the administrator&apos;s user name.</source>
        <translation>请输入管理员的用户名。</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>密码至少 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>Did the county or city office give you a setup file (usually on a USB stick) and a setup code (told separately)? Type the code, then choose the file: the station is set up with its own keys and registers with its first package.</source>
        <translation>县或市里给了您安装文件（通常在 U 盘上）和另行告知的安装码吗？先输入安装码，再选择安装文件：本站将生成自己的密钥，并通过第一个同步包向上级登记。</translation>
    </message>
    <message>
        <source>e.g. 7K3Q-M9TX-2BHD</source>
        <translation>如 7K3Q-M9TX-2BHD</translation>
    </message>
    <message>
        <source>Setup code:</source>
        <translation>安装码：</translation>
    </message>
    <message>
        <source>Restore, or just look around</source>
        <translation>从备份恢复，或者先看看</translation>
    </message>
    <message>
        <source>A new or repaired computer? Restore the station from its backup on a USB stick (checked first, then opened with an administrator&apos;s password or the recovery code).</source>
        <translation>新电脑或修好的电脑？从 U 盘上的备份恢复本站（先检查备份，再用管理员的密码或恢复码打开）。</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>e.g. Chaoyang City Ethnic and Religious Affairs Commission</source>
        <translation>如：朝阳市民族和宗教事务委员会</translation>
    </message>
    <message>
        <source>e.g. Beipiao Ethnic and Religious Affairs Bureau</source>
        <translation>如：北票市民族宗教事务局</translation>
    </message>
    <message>
        <source>Pick a township or type its 12-digit code</source>
        <translation>选择乡镇，或输入 12 位区划代码</translation>
    </message>
    <message>
        <source>Not in the list? Type the township&apos;s 12-digit division code.</source>
        <translation>列表中没有？请直接输入该乡镇的 12 位区划代码。</translation>
    </message>
    <message>
        <source>Pick a township from the list, or type its 12-digit division code.</source>
        <translation>请从列表中选择乡镇，或输入 12 位区划代码。</translation>
    </message>
    <message>
        <source>Pick a division from the list.</source>
        <translation>请从列表中选择行政区划。</translation>
    </message>
    <message>
        <source>Please enter the station name.</source>
        <translation>请填写站点名称。</translation>
    </message>
    <message>
        <source>Creating the station…</source>
        <translation>正在创建站点……</translation>
    </message>
    <message>
        <source>Choose setup file</source>
        <translation>选择安装文件</translation>
    </message>
    <message>
        <source>Setup files (*.json *.hms);;All files (*)</source>
        <translation>安装文件 (*.json *.hms);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Type the 12-character setup code the upper office gave you with the setup file (e.g. 7K3Q-M9TX-2BHD), then choose the file again.</source>
        <translation>请输入上级给您的 12 位安装码（如 7K3Q-M9TX-2BHD），然后再次选择安装文件。</translation>
    </message>
    <message>
        <source>Setting up the station…</source>
        <translation>正在初始化站点…</translation>
    </message>
    <message>
        <source>Generating the demo data…</source>
        <translation>正在生成演示数据……</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>User &amp;manual</source>
        <translation>用户手册(&amp;M)</translation>
    </message>
    <message>
        <source>Show the data &amp;folder</source>
        <translation>打开数据文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Failure &amp;logs…</source>
        <translation>错误日志(&amp;L)…</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Household surveys, project archives, training, assessment and USB sync for the ethnic-minority &quot;828&quot; program of Chaoyang City, Liaoning. Works offline.</source>
        <translation>辽宁省朝阳市少数民族“828”惠民工程的农户调查、项目档案、培训、考核与 U 盘同步。无需联网。</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Database size: {size}</source>
        <translation>数据库大小：{size}</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于{app}</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Pick or type the village</source>
        <translation>选择或输入村名</translation>
    </message>
    <message>
        <source>New village…</source>
        <translation>新增村…</translation>
    </message>
    <message>
        <source>e.g. Group 3, Dongyingzi Village</source>
        <translation>例如：东营子村三组</translation>
    </message>
    <message>
        <source>Anything worth knowing about this household</source>
        <translation>关于本户需要记下的其他情况</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户基本信息</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>所在村</translation>
    </message>
    <message>
        <source>Household no.</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Yearly survey</source>
        <translation>年度调查</translation>
    </message>
    <message>
        <source>Income over the years</source>
        <translation>历年收入</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>参与的项目</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Photos and documents</source>
        <translation>照片和材料</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>{village} ({township})</source>
        <translation>{village}（{township}）</translation>
    </message>
    <message>
        <source>(deleted village)</source>
        <translation>（已删除的村）</translation>
    </message>
    <message>
        <source>New village</source>
        <translation>新增村</translation>
    </message>
    <message>
        <source>This station has no township to add a village to.</source>
        <translation>本站点没有可以添加村的乡镇。</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>所属乡镇：</translation>
    </message>
    <message>
        <source>Name of the village:</source>
        <translation>村名：</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚未填写姓名）</translation>
    </message>
    <message>
        <source>Draft kept at {time}; it comes back if the program is closed unexpectedly.</source>
        <translation>已于 {time} 自动保存草稿，程序意外关闭后可以恢复。</translation>
    </message>
    <message>
        <source>Unsaved changes from {time} were restored. &lt;a href=&apos;discard&apos;&gt;Discard them&lt;/a&gt;</source>
        <translation>已恢复 {time} 未保存的修改。&lt;a href=&apos;discard&apos;&gt;放弃这些修改&lt;/a&gt;</translation>
    </message>
    <message>
        <source>No village of this name; pick one from the list</source>
        <translation>没有这个村，请从列表中选择</translation>
    </message>
    <message>
        <source>Pick the village</source>
        <translation>请选择所在村</translation>
    </message>
    <message>
        <source>Enter at least one member (the head of household)</source>
        <translation>请至少填写一名家庭成员（户主）</translation>
    </message>
    <message>
        <source>Checking the household…</source>
        <translation>正在检查农户信息…</translation>
    </message>
    <message>
        <source>Saving the household…</source>
        <translation>正在保存农户信息…</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>已保存（{time}）。</translation>
    </message>
    <message>
        <source>Member {number} ({name}), {column}: </source>
        <translation>第 {number} 名成员（{name}）{column}：</translation>
    </message>
    <message>
        <source>Member {number}, {column}: </source>
        <translation>第 {number} 名成员 {column}：</translation>
    </message>
    <message>
        <source>Open the other household</source>
        <translation>打开另一户</translation>
    </message>
    <message>
        <source>… and {count} more (marked in the form)</source>
        <translation>……另有 {count} 处（已在表中标出）</translation>
    </message>
    <message>
        <source>Not saved. Please correct:</source>
        <translation>未保存，请更正：</translation>
    </message>
    <message>
        <source>Projects are listed once the household is saved.</source>
        <translation>保存农户后显示其参与的项目。</translation>
    </message>
    <message>
        <source>The project list for a household is not available yet.</source>
        <translation>暂时无法按农户查询项目（项目模块尚未提供）。</translation>
    </message>
    <message>
        <source>{year}  {name} ({code})</source>
        <translation>{year} 年&#x3000;{name}（{code}）</translation>
    </message>
    <message>
        <source>{count} projects benefit this household.</source>
        <translation>本户是 {count} 个项目的受益户。</translation>
    </message>
    <message>
        <source>This household is not a beneficiary of any project yet.</source>
        <translation>本户还不是任何项目的受益户。</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新农户</translation>
    </message>
    <message>
        <source>Household: {who}</source>
        <translation>农户：{who}</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>Discard changes? What you typed in this household has not been saved.</source>
        <translation>放弃修改？本户录入的内容还没有保存。</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>HouseholdListModel</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Household no.</source>
        <translation>户编号</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Net income per person (latest year)</source>
        <translation>人均纯收入（最近年度）</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>匹配成员</translation>
    </message>
    <message>
        <source>Reading the household list…</source>
        <translation>正在读取农户列表…</translation>
    </message>
    <message>
        <source>Net income per person in the household&apos;s latest survey year, in yuan</source>
        <translation>最近一个调查年度的家庭人均纯收入（元）</translation>
    </message>
    <message>
        <source>{township}, {village}</source>
        <translation>{township} {village}</translation>
    </message>
    <message>
        <source>Survey year {year}</source>
        <translation>{year} 年度调查</translation>
    </message>
    <message>
        <source>{name} ({relationship})</source>
        <translation>{name}（{relationship}）</translation>
    </message>
    <message>
        <source>{who}: ID {number}</source>
        <translation>{who}：身份证号 {number}</translation>
    </message>
    <message>
        <source>{who}: phone {number}</source>
        <translation>{who}：电话 {number}</translation>
    </message>
</context>
<context>
    <name>HouseholdPicker</name>
    <message>
        <source>Pick households</source>
        <translation>选择农户</translation>
    </message>
    <message>
        <source>Name, pinyin initials, last digits of the ID number</source>
        <translation>姓名、拼音首字母、身份证号后几位</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>Add →</source>
        <translation>添加 →</translation>
    </message>
    <message>
        <source>Add the selected households (or double-click one)</source>
        <translation>添加选中的农户（也可双击一户）</translation>
    </message>
    <message>
        <source>Add all shown</source>
        <translation>添加列表中全部</translation>
    </message>
    <message>
        <source>← Remove</source>
        <translation>← 移除</translation>
    </message>
    <message>
        <source>Add this person →</source>
        <translation>添加此人 →</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Members of the highlighted household:</source>
        <translation>当前农户的家庭成员：</translation>
    </message>
    <message>
        <source>Chosen:</source>
        <translation>已选：</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村</translation>
    </message>
    <message>
        <source>{count} households shown</source>
        <translation>列出 {count} 户</translation>
    </message>
    <message>
        <source>{count} households are shown; narrow the list to at most {limit} first.</source>
        <translation>列表中有 {count} 户，请先筛选到不超过 {limit} 户。</translation>
    </message>
    <message>
        <source>(whole household)</source>
        <translation>（全户）</translation>
    </message>
    <message>
        <source>{count} chosen from {households} households</source>
        <translation>已选 {count} 人（次），来自 {households} 户</translation>
    </message>
    <message>
        <source>{count} households chosen</source>
        <translation>已选 {count} 户</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>Households</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新建农户</translation>
    </message>
    <message>
        <source>Enter a new household (Ctrl+N)</source>
        <translation>录入一户新农户（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the selected household (Enter or double-click)</source>
        <translation>打开选中的农户（回车或双击）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected household (Delete)</source>
        <translation>删除选中的农户（Delete 键）</translation>
    </message>
    <message>
        <source>Name, pinyin initials, last digits of the ID number or phone</source>
        <translation>姓名、拼音首字母、身份证号后几位或电话</translation>
    </message>
    <message>
        <source>Enter opens the selected household; ↓ moves from the search box to the list.</source>
        <translation>按回车打开选中的农户；在搜索框中按 ↓ 进入列表。</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>入户调查</translation>
    </message>
    <message>
        <source>Beneficiary year</source>
        <translation>受益年度</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>All townships</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>surveyed</source>
        <translation>已调查</translation>
    </message>
    <message>
        <source>not surveyed</source>
        <translation>未调查</translation>
    </message>
    <message>
        <source>All ethnicities</source>
        <translation>全部民族</translation>
    </message>
    <message>
        <source>Any year</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村</translation>
    </message>
    <message>
        <source>{village} ({township})</source>
        <translation>{village}（{township}）</translation>
    </message>
    <message>
        <source>Search “{text}”</source>
        <translation>搜索“{text}”</translation>
    </message>
    <message>
        <source>Township: {value}</source>
        <translation>乡镇：{value}</translation>
    </message>
    <message>
        <source>Village: {value}</source>
        <translation>村：{value}</translation>
    </message>
    <message>
        <source>Surveyed in {year}</source>
        <translation>{year}年已入户调查</translation>
    </message>
    <message>
        <source>Not surveyed in {year}</source>
        <translation>{year}年未入户调查</translation>
    </message>
    <message>
        <source>Surveyed in {baseline} and again by {year}</source>
        <translation>户均增收的农户（{baseline}→{year}年）</translation>
    </message>
    <message>
        <source>Covered by projects of {year}</source>
        <translation>受益年度：{year}</translation>
    </message>
    <message>
        <source>Project: {value}</source>
        <translation>项目：{value}</translation>
    </message>
    <message>
        <source>Ethnicity: {value}</source>
        <translation>民族：{value}</translation>
    </message>
    <message>
        <source>{shown}+ of {total} households, counting…</source>
        <translation>已找到 {shown}+ 户（共 {total} 户），正在统计…</translation>
    </message>
    <message>
        <source>{shown} of {total} households</source>
        <translation>找到 {shown} 户（共 {total} 户）</translation>
    </message>
    <message>
        <source>{count} households</source>
        <translation>共 {count} 户</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>No household matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的农户。</translation>
    </message>
    <message>
        <source>No households yet. Click “New household” (Ctrl+N) to enter one.</source>
        <translation>还没有农户。点击“新建农户”（Ctrl+N）开始录入。</translation>
    </message>
    <message>
        <source>Delete household</source>
        <translation>删除农户</translation>
    </message>
    <message>
        <source>Delete the household of {head} ({village})?

Its members and surveys are deleted with it. The deletion is recorded and reaches the other stations with the next sync.</source>
        <translation>确定删除户主为“{head}”（{village}）的农户吗？

该户的家庭成员和调查记录将一并删除。删除操作会记入日志，并在下次同步时传到其他站点。</translation>
    </message>
    <message>
        <source>The household could not be deleted: {reason}</source>
        <translation>无法删除该农户：{reason}</translation>
    </message>
</context>
<context>
    <name>IncomeHistory</name>
    <message>
        <source>Total income</source>
        <translation>家庭总收入</translation>
    </message>
    <message>
        <source>Net income</source>
        <translation>家庭纯收入</translation>
    </message>
    <message>
        <source>Per person</source>
        <translation>人均纯收入</translation>
    </message>
    <message>
        <source>Change from baseline</source>
        <translation>比基准年增收</translation>
    </message>
    <message>
        <source>Goal (+{goal} yuan/year)</source>
        <translation>目标（每年 +{goal} 元）</translation>
    </message>
    <message>
        <source>Goal met?</source>
        <translation>是否达标</translation>
    </message>
    <message>
        <source>{year} (baseline)</source>
        <translation>{year}（基准年）</translation>
    </message>
    <message>
        <source>No survey yet.</source>
        <translation>还没有调查记录。</translation>
    </message>
    <message>
        <source>{year} is the baseline year; later surveys are compared with it.</source>
        <translation>{year} 年为基准年，以后各年与它比较。</translation>
    </message>
    <message>
        <source>Goal of the 828 program: net household income +{goal} yuan a year.</source>
        <translation>“828”工程目标：户均纯收入每年增加 {goal} 元。</translation>
    </message>
    <message>
        <source>* not saved yet</source>
        <translation>* 尚未保存</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>达到</translation>
    </message>
    <message>
        <source>Not met (short by {amount})</source>
        <translation>未达到（差 {amount} 元）</translation>
    </message>
</context>
<context>
    <name>IndicatorDetailDialog</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划完成</translation>
    </message>
    <message>
        <source>State</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <source>Reached on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>时间节点</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>完成值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>进展说明</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Progress entries</source>
        <translation>进度填报记录</translation>
    </message>
    <message>
        <source>Computed from the records at each month&apos;s end: no entries.</source>
        <translation>按各月末的业务数据自动统计，无需填报。</translation>
    </message>
</context>
<context>
    <name>IndicatorEditDialog</name>
    <message>
        <source>Edit indicator</source>
        <translation>编辑指标</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>新建指标</translation>
    </message>
    <message>
        <source>All counties (one indicator each)</source>
        <translation>全部县（市、区）（各建一个指标）</translation>
    </message>
    <message>
        <source>Entered by hand, with evidence</source>
        <translation>县乡手工填报（附证明材料）</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>Add reference &amp;files…</source>
        <translation>添加参考附件(&amp;F)…</translation>
    </message>
    <message>
        <source>In proportion to completion</source>
        <translation>按完成比例计分</translation>
    </message>
    <message>
        <source>Full score if reached by the deadline, else none</source>
        <translation>按期完成得满分，否则不得分</translation>
    </message>
    <message>
        <source>Deduction for each milestone missed</source>
        <translation>每误一个时间节点扣分</translation>
    </message>
    <message>
        <source>Deduction for each step short of the target</source>
        <translation>每差一档扣分</translation>
    </message>
    <message>
        <source>Households covered</source>
        <translation>覆盖农户数</translation>
    </message>
    <message>
        <source>Surveys done</source>
        <translation>完成入户调查数</translation>
    </message>
    <message>
        <source>Projects accepted</source>
        <translation>通过验收项目数</translation>
    </message>
    <message>
        <source>People trained</source>
        <translation>培训人次</translation>
    </message>
    <message>
        <source>Average income increase</source>
        <translation>户均增收</translation>
    </message>
    <message>
        <source>Funds spent</source>
        <translation>项目资金到位</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>编号(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>指标名称(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;ounty</source>
        <translation>县（市、区）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>考核年度(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Target</source>
        <translation>目标(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>Target &amp;value</source>
        <translation>目标值(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Progress from</source>
        <translation>进度来源(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Responsible</source>
        <translation>责任人(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Lead unit</source>
        <translation>牵头单位(&amp;L)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>&amp;Score</source>
        <translation>分值(&amp;S)</translation>
    </message>
    <message>
        <source>Scoring &amp;method</source>
        <translation>计分方式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Deduction</source>
        <translation>每次扣分(&amp;D)</translation>
    </message>
    <message>
        <source>Step si&amp;ze</source>
        <translation>每档差额(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Grace days</source>
        <translation>宽限天数(&amp;G)</translation>
    </message>
    <message>
        <source>St&amp;andard</source>
        <translation>计分标准(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Evidence required</source>
        <translation>证明材料要求(&amp;E)</translation>
    </message>
    <message>
        <source>Reference files</source>
        <translation>参考附件</translation>
    </message>
    <message>
        <source>M&amp;ilestones (one row a month; leave a month empty for none)</source>
        <translation>时间节点(&amp;I)（每月一行；某月不设节点则留空）</translation>
    </message>
    <message>
        <source>Saving the indicator…</source>
        <translation>正在保存指标…</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>Planned value</source>
        <translation>计划值</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Month %1: </source>
        <translation>%1月：</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
</context>
<context>
    <name>IndicatorScoreModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成值</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月节点</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>计分方式</translation>
    </message>
    <message>
        <source>Progress from</source>
        <translation>进度来源</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Month %1 milestone</source>
        <translation>%1月节点</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>手工填报</translation>
    </message>
    <message>
        <source>Computed: %1</source>
        <translation>系统统计：%1</translation>
    </message>
</context>
<context>
    <name>LogViewer</name>
    <message>
        <source>Failure logs</source>
        <translation>错误日志</translation>
    </message>
    <message>
        <source>What went wrong inside the program, newest first: send the text to support when they ask. The logs may quote the station&apos;s data, so they are kept encrypted in {path}.</source>
        <translation>程序内部出错的记录，新的在前；技术支持需要时把内容发给他们。日志可能含有本站数据，因此加密保存在 {path}。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>出错位置</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>No failure logs: nothing has gone wrong inside the program.</source>
        <translation>没有错误日志：程序内部没有出过错。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>window</source>
        <translation>图形界面</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in – Huimin Desktop</source>
        <translation>登录 – 惠民工程数据采集系统</translation>
    </message>
    <message>
        <source>Log in to the data folder</source>
        <translation>登录数据文件夹</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Demo data: user name {user}, password {password}</source>
        <translation>演示数据：用户名 {user}，密码 {password}</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Please enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Households</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Project archives</source>
        <translation>项目档案</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open data folder…</source>
        <translation>打开数据文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Public notice of beneficiaries…</source>
        <translation>受益农户公示(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>{app} — {station}</source>
        <translation>{app} — {station}</translation>
    </message>
    <message>
        <source>Huimin Desktop</source>
        <translation>惠民工程数据采集系统</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Station: {name} ({level})</source>
        <translation>站点：{name}（{level}）</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹……</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <source>User manual</source>
        <translation>用户手册</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>The manual is missing from this installation: {path}</source>
        <translation>此安装缺少用户手册：{path}</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的列名</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <source>Rows with a value</source>
        <translation>有值的行数</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>This column holds data that will not be imported: choose a field for it.</source>
        <translation>这一列有数据但不会导入：请为它选择对应项。</translation>
    </message>
</context>
<context>
    <name>MediaPlayerDialog</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>This file cannot be played: {reason}</source>
        <translation>无法播放此文件：{reason}</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>文化程度</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>劳动技能</translation>
    </message>
    <message>
        <source>School</source>
        <translation>在校情况</translation>
    </message>
    <message>
        <source>Months away</source>
        <translation>务工月数</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Filled in from a valid ID number</source>
        <translation>由有效的身份证号自动填写</translation>
    </message>
    <message>
        <source>Months worked away from home this year (0–12)</source>
        <translation>本年度外出务工月数（0–12）</translation>
    </message>
    <message>
        <source>Filled in from the ID number</source>
        <translation>由身份证号自动填写</translation>
    </message>
    <message>
        <source>Not a date; write it like 1982-03-15</source>
        <translation>不是有效日期，请按 1982-03-15 的格式填写</translation>
    </message>
    <message>
        <source>The birth date must lie between 1900 and today</source>
        <translation>出生日期应在 1900 年到今天之间</translation>
    </message>
    <message>
        <source>must be a whole number from 0 to 12</source>
        <translation>应为 0 到 12 之间的整数</translation>
    </message>
    <message>
        <source>“{text}” is not in the list</source>
        <translation>“{text}”不在列表中</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>删除成员</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Add a member at the end (Ctrl+Insert)</source>
        <translation>在末尾添加一名成员 (Ctrl+Insert)</translation>
    </message>
    <message>
        <source>Remove the selected member (Ctrl+Delete)</source>
        <translation>删除选中的成员 (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>Move the selected member up (Alt+Up)</source>
        <translation>把选中的成员上移 (Alt+↑)</translation>
    </message>
    <message>
        <source>Move the selected member down (Alt+Down)</source>
        <translation>把选中的成员下移 (Alt+↓)</translation>
    </message>
    <message>
        <source>Type to fill a cell; Enter moves to the next one. A valid ID number fills in sex and birth date.</source>
        <translation>直接输入即可填写单元格，回车到下一格；填写有效的身份证号后自动填出性别和出生日期。</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>Remove member {number}, {name}, from the household?</source>
        <translation>从本户删除第 {number} 名成员“{name}”吗？</translation>
    </message>
    <message>
        <source>Member {number}, {column}: </source>
        <translation>第 {number} 名成员 {column}：</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge sync packages</source>
        <translation>合并同步包</translation>
    </message>
    <message>
        <source>Add one package folder, several, or a folder (or USB stick) holding packages; you can also drop folders here. The next page shows what each package would do before anything changes.</source>
        <translation>可以添加一个或多个同步包文件夹，或包含同步包的文件夹（或U盘），也可以把文件夹拖到这里。下一页先预览每个同步包将做的改动，此时不作任何修改。</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>From USB stick</source>
        <translation>从U盘添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>{label} ({free} free)</source>
        <translation>{label}（可用 {free}）</translation>
    </message>
    <message>
        <source>No USB stick found</source>
        <translation>未找到U盘</translation>
    </message>
    <message>
        <source>Choose a package folder</source>
        <translation>选择同步包文件夹</translation>
    </message>
    <message>
        <source>Preview: what the packages would do</source>
        <translation>预览：同步包将做的改动</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Checking the packages…</source>
        <translation>正在检查同步包…</translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation>已取消预览。</translation>
    </message>
    <message>
        <source>No sync package was found in the chosen folders.</source>
        <translation>所选文件夹中没有找到同步包。</translation>
    </message>
    <message>
        <source>{packages} package(s): {mergeable} would be merged, {refused} refused. Nothing has changed yet; press Merge to apply them.</source>
        <translation>共 {packages} 个同步包：{mergeable} 个可以合并，{refused} 个被拒绝。目前尚未作任何修改，点击“合并”后才会应用。</translation>
    </message>
    <message>
        <source>Conflicts to come ({count}): the value kept applies now; each goes to the review.</source>
        <translation>将产生的冲突（{count} 个）：先采用“保留的值”，每个冲突都会进入冲突审核。</translation>
    </message>
    <message>
        <source>No conflicts to come.</source>
        <translation>不会产生冲突。</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>合并完成</translation>
    </message>
    <message>
        <source>Review conflicts…</source>
        <translation>审核冲突…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Merging the packages…</source>
        <translation>正在合并同步包…</translation>
    </message>
    <message>
        <source>Merge cancelled: the package being merged was rolled back.</source>
        <translation>已取消合并：正在合并的同步包已全部撤回。</translation>
    </message>
    <message>
        <source>{applied} package(s) merged, {refused} refused; {conflicts} conflict(s) to review.</source>
        <translation>已合并 {applied} 个同步包，拒绝 {refused} 个；{conflicts} 个冲突待审核。</translation>
    </message>
    <message>
        <source>Skipped {own} of this station&apos;s own package(s).</source>
        <translation>跳过本站自己的同步包 {own} 个。</translation>
    </message>
    <message>
        <source>The packages could not be read: {reason}</source>
        <translation>无法读取同步包：{reason}</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Something went wrong; the work was not finished.

Reason: {reason}</source>
        <translation>出现了意外错误，操作未完成。

原因：{reason}</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>← Previous</source>
        <translation>← 上一张</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一张 →</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>This photo cannot be shown (the file may be damaged).</source>
        <translation>无法显示这张照片（文件可能已损坏）。</translation>
    </message>
    <message>
        <source>Photo {number} of {count}</source>
        <translation>照片 {number} / {count}</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This page is being built and comes with a later version.</source>
        <translation>此功能正在开发中，将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的列名</translation>
    </message>
    <message>
        <source>Rows with a value</source>
        <translation>有值的行数</translation>
    </message>
    <message>
        <source>Choose a field for this column…</source>
        <translation>为这一列选择对应项…</translation>
    </message>
    <message>
        <source>Imported: {added} households added, {updated} updated, {unchanged} unchanged.</source>
        <translation>已导入：新增 {added} 户，更新 {updated} 户，{unchanged} 户没有变化。</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Importing would add {added} households, update {updated} and leave {unchanged} unchanged.</source>
        <translation>尚未写入任何数据。导入后将新增 {added} 户，更新 {updated} 户，{unchanged} 户没有变化。</translation>
    </message>
    <message>
        <source>{count} rows were refused and not imported.</source>
        <translation>{count} 行被拒绝，未导入。</translation>
    </message>
    <message>
        <source>{count} rows are refused and will not be imported.</source>
        <translation>{count} 行被拒绝，不会导入。</translation>
    </message>
    <message>
        <source>Villages created: {names}.</source>
        <translation>已新建的村：{names}。</translation>
    </message>
    <message>
        <source>New villages: {names}.</source>
        <translation>将新建的村：{names}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{letter} “{header}”</source>
        <translation>第 {letter} 列“{header}”</translation>
    </message>
    <message>
        <source>{count} columns with data were not imported: {columns}.</source>
        <translation>有 {count} 列数据没有导入：{columns}。</translation>
    </message>
    <message>
        <source>{count} columns hold data that will not be imported: {columns}.</source>
        <translation>有 {count} 列有数据但不会导入：{columns}。</translation>
    </message>
    <message>
        <source>Incomes are recorded for the survey year {year} ({reason}).</source>
        <translation>收入记入 {year} 调查年度（{reason}）。</translation>
    </message>
    <message>
        <source>Refused ({count})</source>
        <translation>拒绝（{count}）</translation>
    </message>
    <message>
        <source>Warnings ({count})</source>
        <translation>提示（{count}）</translation>
    </message>
    <message>
        <source>Not imported columns ({count})</source>
        <translation>未导入的列（{count}）</translation>
    </message>
    <message>
        <source>Added ({count})</source>
        <translation>新增（{count}）</translation>
    </message>
    <message>
        <source>Updated ({count})</source>
        <translation>更新（{count}）</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Enter progress</source>
        <translation>填报进度</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <source>Cumulative value so far, in %1</source>
        <translation>截至该月的累计完成值（%1）</translation>
    </message>
    <message>
        <source>Evidence required: %1</source>
        <translation>需提供的证明材料：%1</translation>
    </message>
    <message>
        <source>Month reported</source>
        <translation>填报月份</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>填报日期</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>完成值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>进展说明</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>选择证明材料</translation>
    </message>
    <message>
        <source>The value must be a number: %1</source>
        <translation>完成值应为数字：%1</translation>
    </message>
    <message>
        <source>Saving the progress…</source>
        <translation>正在保存进度…</translation>
    </message>
</context>
<context>
    <name>ProjectEditor</name>
    <message>
        <source>Unsaved changes from {time} were restored. &lt;a href=&apos;discard&apos;&gt;Discard them&lt;/a&gt;</source>
        <translation>已恢复 {time} 未保存的修改。&lt;a href=&apos;discard&apos;&gt;放弃这些修改&lt;/a&gt;</translation>
    </message>
    <message>
        <source>e.g. BP-2024-001</source>
        <translation>如：BP-2024-001</translation>
    </message>
    <message>
        <source>e.g. 300 cattle in stock, 6 sheds</source>
        <translation>如：存栏 300 头，牛舍 6 栋</translation>
    </message>
    <message>
        <source>What is built or done</source>
        <translation>建设或实施内容</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>建设规模</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>建设内容</translation>
    </message>
    <message>
        <source>Anything worth knowing about this project</source>
        <translation>关于此项目需要说明的其他情况</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Funds (10k yuan), schedule and income</source>
        <translation>资金（万元）、进度与增收</translation>
    </message>
    <message>
        <source>Provincial special funds</source>
        <translation>省专项资金</translation>
    </message>
    <message>
        <source>City and county matching</source>
        <translation>市县配套资金</translation>
    </message>
    <message>
        <source>Integrated funds</source>
        <translation>整合资金</translation>
    </message>
    <message>
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <source>Planned start</source>
        <translation>计划开工</translation>
    </message>
    <message>
        <source>Planned finish</source>
        <translation>计划完工</translation>
    </message>
    <message>
        <source>Actual start</source>
        <translation>实际开工</translation>
    </message>
    <message>
        <source>Actual finish</source>
        <translation>实际完工</translation>
    </message>
    <message>
        <source>Expected income increase (yuan per household)</source>
        <translation>预期户均增收（元）</translation>
    </message>
    <message>
        <source>Measured income increase (yuan per household)</source>
        <translation>实测户均增收（元）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Pick households…</source>
        <translation>选择农户…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Beneficiary households</source>
        <translation>受益农户</translation>
    </message>
    <message>
        <source>Photos, audio, video and documents</source>
        <translation>照片、录音、视频和文件</translation>
    </message>
    <message>
        <source>Stages: application → review → audit → notice → acceptance</source>
        <translation>办理阶段：申报 → 评审 → 审核 → 公示 → 验收</translation>
    </message>
    <message>
        <source>Export archive…</source>
        <translation>导出档案…</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Archive export comes with a later version.</source>
        <translation>档案导出将在后续版本中提供。</translation>
    </message>
    <message>
        <source>(deleted place)</source>
        <translation>（已删除的区划）</translation>
    </message>
    <message>
        <source>{total} (10k yuan)</source>
        <translation>{total} 万元</translation>
    </message>
    <message>
        <source>(check the amounts)</source>
        <translation>（请核对金额）</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Project: {name} ({code})</source>
        <translation>项目：{name}（{code}）</translation>
    </message>
    <message>
        <source>{all} households, {minority} of them minority households</source>
        <translation>共 {all} 户，其中少数民族 {minority} 户</translation>
    </message>
    <message>
        <source>Enter the project code</source>
        <translation>请填写项目编号</translation>
    </message>
    <message>
        <source>Enter the project name</source>
        <translation>请填写项目名称</translation>
    </message>
    <message>
        <source>Pick the place of the project</source>
        <translation>请选择项目所在地</translation>
    </message>
    <message>
        <source>Checking the project…</source>
        <translation>正在检查项目…</translation>
    </message>
    <message>
        <source>Saving the project…</source>
        <translation>正在保存项目…</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>已于 {time} 保存。</translation>
    </message>
    <message>
        <source>… and {count} more (marked in the form)</source>
        <translation>……另有 {count} 处（已在表中标出）</translation>
    </message>
    <message>
        <source>Not saved. Please correct:</source>
        <translation>未保存，请更正：</translation>
    </message>
    <message>
        <source>Export archive to folder</source>
        <translation>导出档案到文件夹</translation>
    </message>
    <message>
        <source>project archive</source>
        <translation>项目档案</translation>
    </message>
    <message>
        <source>Exporting the project archive…</source>
        <translation>正在导出项目档案…</translation>
    </message>
    <message>
        <source>The project archive ({count} files) was written to:
{path}</source>
        <translation>项目档案（{count} 个文件）已导出到：
{path}</translation>
    </message>
    <message>
        <source>Export archive</source>
        <translation>导出档案</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>Discard changes? What you typed in this project has not been saved.</source>
        <translation>放弃修改吗？此项目中填写的内容尚未保存。</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>Enter a new project (Ctrl+N)</source>
        <translation>新建项目档案（Ctrl+N）</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>未申报</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Provincial special funds</source>
        <translation>省专项资金</translation>
    </message>
    <message>
        <source>City and county matching</source>
        <translation>市县配套资金</translation>
    </message>
    <message>
        <source>Integrated funds</source>
        <translation>整合资金</translation>
    </message>
    <message>
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <source>All places</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Funds source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Year: {value}</source>
        <translation>年度：{value}</translation>
    </message>
    <message>
        <source>Category: {value}</source>
        <translation>类别：{value}</translation>
    </message>
    <message>
        <source>Stage: {value}</source>
        <translation>阶段：{value}</translation>
    </message>
    <message>
        <source>Funds from: {value}</source>
        <translation>资金来源：{value}</translation>
    </message>
    <message>
        <source>Township: {value}</source>
        <translation>乡镇：{value}</translation>
    </message>
    <message>
        <source>Project archives</source>
        <translation>项目档案</translation>
    </message>
    <message>
        <source>Project code or part of the name</source>
        <translation>项目编号或名称中的字</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>项目编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Funds (10k yuan)</source>
        <translation>资金（万元）</translation>
    </message>
    <message>
        <source>Beneficiary households</source>
        <translation>受益农户</translation>
    </message>
    <message>
        <source>{all} ({minority} minority)</source>
        <translation>{all}（少数民族 {minority}）</translation>
    </message>
    <message>
        <source>{count} projects · funds {total} (10k yuan): provincial {provincial}, city and county {local}, integrated {integrated}, self-raised {own}</source>
        <translation>共 {count} 个项目 · 资金 {total} 万元：省专项 {provincial}，市县配套 {local}，整合 {integrated}，自筹 {own}</translation>
    </message>
    <message>
        <source>No project matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的项目。</translation>
    </message>
    <message>
        <source>No projects yet. Click “New project” (Ctrl+N) to enter one.</source>
        <translation>还没有项目。点击“新建项目”（Ctrl+N）录入。</translation>
    </message>
    <message>
        <source>Delete project</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Delete the project {name}?

Its stage history and beneficiary list are deleted with it. The deletion is recorded and reaches the other stations with the next sync.</source>
        <translation>删除项目 {name} 吗？

其阶段记录和受益农户名单一并删除。删除会被记录，并在下次同步时传到其他站点。</translation>
    </message>
</context>
<context>
    <name>PublicNoticeDialog</name>
    <message>
        <source>Public notice of beneficiaries</source>
        <translation>受益农户公示</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>保存为 Excel…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Year of the projects:</source>
        <translation>项目年度：</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>{count} beneficiaries, {total} yuan in all</source>
        <translation>共 {count} 户次，扶持资金合计 {total} 元</translation>
    </message>
    <message>
        <source>Save the public notice</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <source>public-notice.xlsx</source>
        <translation>受益农户公示.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The public notice was saved to {path}.</source>
        <translation>公示名单已保存到 {path}。</translation>
    </message>
    <message>
        <source>Print the public notice</source>
        <translation>打印公示名单</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason for the export</source>
        <translation>导出原因</translation>
    </message>
    <message>
        <source>The {what} holds whole ID numbers and phone numbers. Say why it is needed: the reason is kept in the audit log with your name.</source>
        <translation>{what}含完整的身份证号和电话号码。请说明导出原因：原因将连同您的用户名记入审计日志。</translation>
    </message>
    <message>
        <source>e.g. checked with the county civil affairs office</source>
        <translation>例如：与县民委核对</translation>
    </message>
    <message>
        <source>Mask ID numbers and phones instead (no reason needed)</source>
        <translation>改为遮盖身份证号和电话后导出（无需原因）</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Enter or double-click opens the selected line.</source>
        <translation>按回车或双击打开选中的一行。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Open the selected line (Enter or double-click)</source>
        <translation>打开选中的一行（回车或双击）</translation>
    </message>
    <message>
        <source>Delete the selected line (Delete key)</source>
        <translation>删除选中的一行（Delete 键）</translation>
    </message>
</context>
<context>
    <name>RecorderDialog</name>
    <message>
        <source>Record an interview</source>
        <translation>访谈录音</translation>
    </message>
    <message>
        <source>Press Record to start. The recording is attached as an interview recording.</source>
        <translation>点“录音”开始。录好的音频将作为“访谈录音”保存到附件中。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>No microphone was found on this computer.</source>
        <translation>这台电脑上没有找到麦克风。</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>正在录音…</translation>
    </message>
    <message>
        <source>Recorded. Save it to attach it, or record again.</source>
        <translation>录好了。点“保存”加入附件，或重新录音。</translation>
    </message>
    <message>
        <source>Recording failed: {reason}</source>
        <translation>录音失败：{reason}</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Recovery code</source>
        <translation>管理员恢复码</translation>
    </message>
    <message>
        <source>Write this recovery code down and keep it apart from the computer. When every administrator&apos;s password is forgotten, it is the only way into the data. It is shown only this once.</source>
        <translation>请抄下这个恢复码，并与电脑分开保管。所有管理员都忘记密码时，只有用它才能打开数据。它只显示这一次。</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>我已抄下</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Reports are printed by reviewers and administrators. Ask one of them to log in.</source>
        <translation>报表由审核员或管理员打印，请让他们登录。</translation>
    </message>
    <message>
        <source>All five tables</source>
        <translation>全部五张表</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>统计范围</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>另存为 Excel…</translation>
    </message>
    <message>
        <source>Counting the tables…</source>
        <translation>正在统计报表…</translation>
    </message>
    <message>
        <source>Counting the report tables…</source>
        <translation>正在统计报表…</translation>
    </message>
    <message>
        <source>{area}, {year}: figures as of {date}.</source>
        <translation>{area}，{year} 年度：数据截至 {date}。</translation>
    </message>
    <message>
        <source>Annex 1: projects</source>
        <translation>附件1 项目统计表</translation>
    </message>
    <message>
        <source>Annex 2: household income</source>
        <translation>附件2 农户增收情况表</translation>
    </message>
    <message>
        <source>Annex 3: training</source>
        <translation>附件3 培训情况表</translation>
    </message>
    <message>
        <source>Annex 4: assessment progress</source>
        <translation>附件4 绩效考核进度表</translation>
    </message>
    <message>
        <source>Annex 5: use of funds</source>
        <translation>附件5 资金使用情况表</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>打印预览：{title}</translation>
    </message>
    <message>
        <source>report tables</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Save as Excel</source>
        <translation>另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Report saved</source>
        <translation>报表已保存</translation>
    </message>
    <message>
        <source>The report tables were saved to {path}.</source>
        <translation>报表已保存到 {path}。</translation>
    </message>
    <message>
        <source>Saving the report…</source>
        <translation>正在保存报表…</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose an automatic backup, or a backup folder on a USB stick. The backup is checked first; the current data is backed up before it is replaced.</source>
        <translation>选择一份自动备份，或U盘上的备份文件夹。恢复前先检查备份；当前数据被替换前会先备份。</translation>
    </message>
    <message>
        <source>{when}  ({label}, {size})</source>
        <translation>{when}（{label}，{size}）</translation>
    </message>
    <message>
        <source>Backup folder on a USB stick…</source>
        <translation>U盘上的备份文件夹…</translation>
    </message>
    <message>
        <source>Check and restore…</source>
        <translation>检查并恢复…</translation>
    </message>
    <message>
        <source>before upgrading schema {revision}</source>
        <translation>升级结构版本 {revision} 前</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>合并前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before encryption</source>
        <translation>加密前</translation>
    </message>
    <message>
        <source>Choose a backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>The backup is whole and belongs to this station.</source>
        <translation>备份完好，属于本站。</translation>
    </message>
    <message>
        <source>Restore the backup of {station} taken {when}? The current data is replaced by it (a backup of the current data is taken first).</source>
        <translation>恢复 {station} 于 {when} 的备份吗？当前数据将被它替换（替换前先备份当前数据）。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Restored. The data as it was before is kept in {copy}.</source>
        <translation>已恢复。恢复前的数据保存在 {copy}。</translation>
    </message>
</context>
<context>
    <name>RestoreNewDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore this computer&apos;s station from a backup on a USB stick (made with “Back up to USB stick”). The backup is checked first; then log in with the password of an administrator in that backup, or with its recovery code. The data goes to {path}.</source>
        <translation>从 U 盘上的备份（用“备份到U盘”做的）恢复本机的站点。先检查备份，然后用备份中管理员的密码或恢复码登录。数据将放到 {path}。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>1. The backup on the USB stick</source>
        <translation>1. U 盘上的备份</translation>
    </message>
    <message>
        <source>No backup chosen yet.</source>
        <translation>还没有选择备份。</translation>
    </message>
    <message>
        <source>Choose backup folder…</source>
        <translation>选择备份文件夹…</translation>
    </message>
    <message>
        <source>2. Prove you may open it</source>
        <translation>2. 证明您可以打开它</translation>
    </message>
    <message>
        <source>Password of an administrator in the backup</source>
        <translation>备份中管理员的密码</translation>
    </message>
    <message>
        <source>Recovery code (every password forgotten)</source>
        <translation>恢复码（所有密码都忘了时）</translation>
    </message>
    <message>
        <source>the code shown once when the station was created</source>
        <translation>创建站点时只显示过一次的恢复码</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>恢复码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The backup is whole: {station}, backed up {when}; {files} files ({attachments} attachments, {size}).</source>
        <translation>备份完好：{station}，备份于 {when}；共 {files} 个文件（附件 {attachments} 个，{size}）。</translation>
    </message>
    <message>
        <source>Choose the backup folder on the USB stick</source>
        <translation>选择 U 盘上的备份文件夹</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>The check was cancelled; choose the backup folder again.</source>
        <translation>检查已取消；请重新选择备份文件夹。</translation>
    </message>
    <message>
        <source>Please enter the user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Please enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Please enter the recovery code.</source>
        <translation>请输入恢复码。</translation>
    </message>
    <message>
        <source>The new password needs at least {count} characters.</source>
        <translation>新密码至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Restoring the station from the backup…</source>
        <translation>正在从备份恢复站点…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written to the data folder.</source>
        <translation>已取消；数据文件夹中没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke a station</source>
        <translation>吊销站点</translation>
    </message>
    <message>
        <source>Revoke {name}? From now on its packages are refused, also those already written. Use this for a lost or stolen laptop; afterwards the station can be enrolled again with a new setup file.</source>
        <translation>确定吊销“{name}”吗？此后将拒绝它的同步包，包括已经写好的。用于笔记本电脑丢失或被盗的情况；之后可以用新的安装文件重新登记该站点。</translation>
    </message>
    <message>
        <source>e.g. laptop stolen on 3 May</source>
        <translation>如：5月3日笔记本电脑被盗</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>Import household roster</source>
        <translation>导入花名册</translation>
    </message>
    <message>
        <source>Choose the roster a village sent (.xlsx, .xls or .csv), or drop it here. Title lines, two-row headers, total rows and the signature lines are recognised; the next page shows what would be added, updated and refused before anything is written.</source>
        <translation>选择村里报来的花名册（.xlsx、.xls 或 .csv），也可以把文件拖到这里。标题行、两行表头、合计行和签字行都会自动识别；下一页先列出将新增、更新和拒绝的内容，确认后才写入。</translation>
    </message>
    <message>
        <source>Drop a roster file here</source>
        <translation>把花名册文件拖到这里</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a roster</source>
        <translation>选择花名册</translation>
    </message>
    <message>
        <source>Rosters ({patterns})</source>
        <translation>花名册 ({patterns})</translation>
    </message>
    <message>
        <source>Reading the roster…</source>
        <translation>正在读取花名册…</translation>
    </message>
    <message>
        <source>{file}, sheet “{sheet}”: header in row {header}, {rows} data rows</source>
        <translation>{file}，工作表“{sheet}”：表头在第 {header} 行，数据 {rows} 行</translation>
    </message>
    <message>
        <source>Preview of the import</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>Adjust columns…</source>
        <translation>调整列对应…</translation>
    </message>
    <message>
        <source>Save refused rows…</source>
        <translation>保存被拒绝的行…</translation>
    </message>
    <message>
        <source>Survey year:</source>
        <translation>调查年度：</translation>
    </message>
    <message>
        <source>The year the incomes belong to; the preview says where it was read</source>
        <translation>收入所属的年度；预览中说明了年份从哪里读出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Checking the roster…</source>
        <translation>正在检查花名册…</translation>
    </message>
    <message>
        <source>{name}-refused.xlsx</source>
        <translation>{name}-退回修改.xlsx</translation>
    </message>
    <message>
        <source>Save refused rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>file of refused rows</source>
        <translation>退回修改的行</translation>
    </message>
    <message>
        <source>Saving the refused rows…</source>
        <translation>正在保存被拒绝的行…</translation>
    </message>
    <message>
        <source>Columns of the roster</source>
        <translation>花名册的列</translation>
    </message>
    <message>
        <source>Choose what each column holds. Name and ID number are needed; columns left as “not imported” are ignored. The choice is remembered for the next file with the same columns.</source>
        <translation>请为每一列选择对应的内容。“姓名”和“身份证号”必须指定；设为“不导入”的列将被忽略。下次导入相同格式的文件时会沿用这里的选择。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation>重新预览</translation>
    </message>
    <message>
        <source>Roster imported</source>
        <translation>花名册已导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Columns not imported</source>
        <translation>有列未导入</translation>
    </message>
    <message>
        <source>{count} columns hold data that will not be imported. Import without them?</source>
        <translation>有 {count} 列有数据但不会导入。不导入这些列，继续吗？</translation>
    </message>
    <message>
        <source>• column {letter} “{header}”: {rows} rows with a value</source>
        <translation>• 第 {letter} 列“{header}”：{rows} 行有值</translation>
    </message>
    <message>
        <source>Import without them</source>
        <translation>不导入这些列，继续</translation>
    </message>
    <message>
        <source>Choose fields for them</source>
        <translation>为它们选择对应项</translation>
    </message>
    <message>
        <source>Importing the roster…</source>
        <translation>正在导入花名册…</translation>
    </message>
</context>
<context>
    <name>RosterMenu</name>
    <message>
        <source>&amp;Import household roster…</source>
        <translation>导入花名册(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export household roster…</source>
        <translation>导出花名册(&amp;E)…</translation>
    </message>
    <message>
        <source>Export household roster</source>
        <translation>导出花名册</translation>
    </message>
    <message>
        <source>household-roster.xlsx</source>
        <translation>花名册.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>花名册</translation>
    </message>
    <message>
        <source>Roster exported</source>
        <translation>花名册已导出</translation>
    </message>
    <message>
        <source>{households} households ({members} people, survey year {year}) written to {path}.</source>
        <translation>已把 {households} 户（{members} 人，{year} 年度）写入 {path}。</translation>
    </message>
    <message>
        <source>Exporting the roster…</source>
        <translation>正在导出花名册…</translation>
    </message>
</context>
<context>
    <name>SaveWarnings</name>
    <message>
        <source>Please check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>These points look unusual. Save anyway?</source>
        <translation>以下几点看起来不太寻常，仍要保存吗？</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Go back and correct</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>A new language takes effect when the program is restarted.</source>
        <translation>更改界面语言后，重新启动程序时生效。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock when idle for:</source>
        <translation>闲置多久后锁定：</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Saved. The new language takes effect when the program is restarted.</source>
        <translation>已保存。新的界面语言将在重新启动程序后生效。</translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Who handled it</source>
        <translation>经办人姓名</translation>
    </message>
    <message>
        <source>Opinion, e.g. agreed, or papers incomplete</source>
        <translation>意见，如：同意、材料不全</translation>
    </message>
    <message>
        <source>Record this stage</source>
        <translation>记录此阶段</translation>
    </message>
    <message>
        <source>Send back to this stage</source>
        <translation>退回到此阶段</translation>
    </message>
    <message>
        <source>The project goes back to the chosen earlier stage; the history keeps every entry</source>
        <translation>项目退回到所选的前一阶段；历史记录全部保留</translation>
    </message>
    <message>
        <source>Documents of the selected entry</source>
        <translation>选中记录的文件</translation>
    </message>
    <message>
        <source>Not applied yet</source>
        <translation>尚未申报</translation>
    </message>
    <message>
        <source>Save the project first; then record its stages here.</source>
        <translation>请先保存项目，再在此记录办理阶段。</translation>
    </message>
    <message>
        <source>Each entry is saved at once.</source>
        <translation>每条记录即时保存。</translation>
    </message>
    <message>
        <source>Current stage: {stage}</source>
        <translation>当前阶段：{stage}</translation>
    </message>
    <message>
        <source>Sent back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>办理</translation>
    </message>
    <message>
        <source>Recording the stage…</source>
        <translation>正在记录阶段…</translation>
    </message>
</context>
<context>
    <name>StationLevels</name>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>County (city, district)</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
</context>
<context>
    <name>SummaryTable</name>
    <message>
        <source>Package</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SurveyPanel</name>
    <message>
        <source>Follows the number of members until you change it</source>
        <translation>默认等于家庭成员人数，修改后以填写的为准</translation>
    </message>
    <message>
        <source>Wage income</source>
        <translation>工资性收入</translation>
    </message>
    <message>
        <source>Business income</source>
        <translation>生产经营性收入</translation>
    </message>
    <message>
        <source>Property income</source>
        <translation>财产性收入</translation>
    </message>
    <message>
        <source>Transfer income</source>
        <translation>转移性收入</translation>
    </message>
    <message>
        <source>Business expenses</source>
        <translation>生产经营性支出</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Total income</source>
        <translation>家庭总收入</translation>
    </message>
    <message>
        <source>Net income</source>
        <translation>家庭纯收入</translation>
    </message>
    <message>
        <source>Net income per person</source>
        <translation>人均纯收入</translation>
    </message>
    <message>
        <source>Net = total − business expenses; per person = net ÷ household size</source>
        <translation>纯收入 = 总收入 − 生产经营性支出；人均 = 纯收入 ÷ 家庭人口</translation>
    </message>
    <message>
        <source>e.g. cattle breeding loan, greenhouse technology</source>
        <translation>例如：肉牛养殖贷款、大棚技术</translation>
    </message>
    <message>
        <source>Survey year</source>
        <translation>调查年度</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Survey date</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <source>Main hardship causes</source>
        <translation>主要致贫原因</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>主要需求</translation>
    </message>
    <message>
        <source>{field}: </source>
        <translation>{field}：</translation>
    </message>
    <message>
        <source>Editing the stored survey of {year}</source>
        <translation>正在修改已保存的 {year} 年调查</translation>
    </message>
    <message>
        <source>New survey for {year}</source>
        <translation>新填 {year} 年调查</translation>
    </message>
    <message>
        <source>{amount} yuan</source>
        <translation>{amount} 元</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Data travels between the stations on a USB stick: export a package for the upper station, merge the packages that arrive, and review what the merge could not decide.</source>
        <translation>各站点之间用U盘交换数据：为上级站点导出同步包，合并收到的同步包，并审核合并时无法自动决定的冲突。</translation>
    </message>
    <message>
        <source>This station:</source>
        <translation>本站：</translation>
    </message>
    <message>
        <source>Upper station:</source>
        <translation>上级站点：</translation>
    </message>
    <message>
        <source>Last export:</source>
        <translation>上次导出：</translation>
    </message>
    <message>
        <source>Last merge:</source>
        <translation>上次合并：</translation>
    </message>
    <message>
        <source>Open conflicts:</source>
        <translation>待审核冲突：</translation>
    </message>
    <message>
        <source>Export sync package</source>
        <translation>导出同步包</translation>
    </message>
    <message>
        <source>Merge sync packages</source>
        <translation>合并同步包</translation>
    </message>
    <message>
        <source>Review conflicts</source>
        <translation>冲突审核</translation>
    </message>
    <message>
        <source>Write a return package for a lower station to a USB stick.</source>
        <translation>为下级站点生成回传包，写到U盘。</translation>
    </message>
    <message>
        <source>Write everything new to a USB stick for the upper station.</source>
        <translation>把新的数据写到U盘，交给上级站点。</translation>
    </message>
    <message>
        <source>Read packages from a USB stick or folder; a preview shows what they will do.</source>
        <translation>从U盘或文件夹读取同步包；合并前先预览将做的改动。</translation>
    </message>
    <message>
        <source>See both values side by side and decide which one stays.</source>
        <translation>并排查看两个值，决定保留哪一个。</translation>
    </message>
    <message>
        <source>Lower stations</source>
        <translation>下级站点</translation>
    </message>
    <message>
        <source>The stations this one enrolled. Each gets a setup file for its first start; a lost laptop is revoked and the station enrolled again.</source>
        <translation>本站登记的下级站点。每个站点首次启动时使用一个安装文件；笔记本电脑丢失时先吊销，再重新登记。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近收到同步包</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No station enrolled yet.</source>
        <translation>还没有登记下级站点。</translation>
    </message>
    <message>
        <source>Enroll a new station…</source>
        <translation>登记新站点…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>吊销…</translation>
    </message>
    <message>
        <source>Re-enroll…</source>
        <translation>重新登记…</translation>
    </message>
    <message>
        <source>Return package…</source>
        <translation>生成回传包…</translation>
    </message>
    <message>
        <source>A package for the selected station: reference data, corrections, acknowledgements</source>
        <translation>为选中的站点生成回传包：基础数据、更正和接收确认</translation>
    </message>
    <message>
        <source>{name} ({level})</source>
        <translation>{name}（{level}）</translation>
    </message>
    <message>
        <source>None: this is the city office</source>
        <translation>无（本站为市级站点）</translation>
    </message>
    <message>
        <source>Not enrolled yet (set up from a setup file)</source>
        <translation>尚未登记（需用上级站点的安装文件设置）</translation>
    </message>
    <message>
        <source>{time} for {name}</source>
        <translation>{time}，发往{name}</translation>
    </message>
    <message>
        <source>{time} from {name}</source>
        <translation>{time}，来自{name}</translation>
    </message>
    <message>
        <source>Review conflicts ({count})</source>
        <translation>冲突审核（{count}）</translation>
    </message>
    <message>
        <source>Revoked {time}</source>
        <translation>已吊销 {time}</translation>
    </message>
    <message>
        <source>Enrolled {time}</source>
        <translation>已登记 {time}</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Not registered yet</source>
        <translation>尚未登记</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <source>The station was not revoked: {reason}</source>
        <translation>站点未吊销：{reason}</translation>
    </message>
    <message>
        <source>Revoke a station</source>
        <translation>吊销站点</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Will be merged</source>
        <translation>将合并</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Already merged before</source>
        <translation>以前已合并过</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Held back (clock far ahead)</source>
        <translation>已隔离（时钟超前）</translation>
    </message>
    <message>
        <source>This station&apos;s own package (skipped)</source>
        <translation>本站自己的同步包（已跳过）</translation>
    </message>
    <message>
        <source>Edited at both stations</source>
        <translation>两个站点都修改了</translation>
    </message>
    <message>
        <source>Edited at one station, deleted at another</source>
        <translation>一方修改、一方删除</translation>
    </message>
    <message>
        <source>Same ID number twice</source>
        <translation>身份证号重复</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Kept the current value</source>
        <translation>已保留当前值</translation>
    </message>
    <message>
        <source>Used the other value</source>
        <translation>已改用另一值</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TrainingEditor</name>
    <message>
        <source>Unsaved changes from {time} were restored. &lt;a href=&apos;discard&apos;&gt;Discard them&lt;/a&gt;</source>
        <translation>已恢复 {time} 未保存的修改。&lt;a href=&apos;discard&apos;&gt;放弃这些修改&lt;/a&gt;</translation>
    </message>
    <message>
        <source>e.g. village committee meeting room</source>
        <translation>如：村委会会议室</translation>
    </message>
    <message>
        <source>e.g. Beef cattle feeding and disease prevention</source>
        <translation>如：肉牛科学饲养与疫病防治</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>培训信息</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>培训日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>培训地点</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>关联项目</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Pick attendees…</source>
        <translation>选择参训人员…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>People not on the household list</source>
        <translation>名单外参训人数</translation>
    </message>
    <message>
        <source>Photos and sign-in sheets</source>
        <translation>照片和签到表</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>（不关联项目）</translation>
    </message>
    <message>
        <source>{year}  {name} ({code})</source>
        <translation>{year} 年&#x3000;{name}（{code}）</translation>
    </message>
    <message>
        <source>(a project not listed)</source>
        <translation>（未列出的项目）</translation>
    </message>
    <message>
        <source>New training session</source>
        <translation>新建培训</translation>
    </message>
    <message>
        <source>Training: {topic} ({date})</source>
        <translation>培训：{topic}（{date}）</translation>
    </message>
    <message>
        <source>Training attendees</source>
        <translation>参训人员</translation>
    </message>
    <message>
        <source>(whole household)</source>
        <translation>（全户）</translation>
    </message>
    <message>
        <source>{total} attendees: {listed} from the household list, {extra} not on it</source>
        <translation>共 {total} 人参训：名单内 {listed}，名单外 {extra}</translation>
    </message>
    <message>
        <source>Enter the topic of the training</source>
        <translation>请填写培训主题</translation>
    </message>
    <message>
        <source>Pick the place of the training</source>
        <translation>请选择培训所在地</translation>
    </message>
    <message>
        <source>Saving the training session…</source>
        <translation>正在保存培训记录…</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>已于 {time} 保存。</translation>
    </message>
    <message>
        <source>Not saved. Please correct:</source>
        <translation>未保存，请更正：</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <source>Discard changes? What you typed in this training session has not been saved.</source>
        <translation>放弃修改吗？此培训记录中填写的内容尚未保存。</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>Enter a new training session (Ctrl+N)</source>
        <translation>新建培训记录（Ctrl+N）</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>All places</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Year: {value}</source>
        <translation>年度：{value}</translation>
    </message>
    <message>
        <source>Township: {value}</source>
        <translation>乡镇：{value}</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Topic, trainer or venue</source>
        <translation>培训主题、授课人或地点</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新建培训</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参训人数</translation>
    </message>
    <message>
        <source>{count} training sessions</source>
        <translation>共 {count} 次培训</translation>
    </message>
    <message>
        <source>No training session matches the search and filters.</source>
        <translation>没有符合搜索和筛选条件的培训。</translation>
    </message>
    <message>
        <source>No training sessions yet. Click “New session” (Ctrl+N) to enter one.</source>
        <translation>还没有培训记录。点击“新建培训”（Ctrl+N）录入。</translation>
    </message>
    <message>
        <source>Delete training session</source>
        <translation>删除培训记录</translation>
    </message>
    <message>
        <source>Delete the training session {what}?

Its attendee list is deleted with it. The deletion is recorded and reaches the other stations with the next sync.</source>
        <translation>删除培训记录 {what} 吗？

其参训人员名单一并删除。删除会被记录，并在下次同步时传到其他站点。</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>The program is locked</source>
        <translation>程序已锁定</translation>
    </message>
    <message>
        <source>Logged in as {user}. Type the password to go on.</source>
        <translation>当前用户 {user}。输入密码后继续。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>密码至少 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>新增用户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Set role</source>
        <translation>改为此角色</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>请先选择一个用户。</translation>
    </message>
    <message>
        <source>Done: {user}</source>
        <translation>已完成：{user}</translation>
    </message>
</context>
<context>
    <name>UsersWindow</name>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
</context>
<context>
    <name>ValuePanel</name>
    <message>
        <source>Station: {name}</source>
        <translation>站点：{name}</translation>
    </message>
    <message>
        <source>Changed: {time}</source>
        <translation>修改时间：{time}</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Data entry</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Resolve a conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <source>Enroll a lower station</source>
        <translation>注册下级站</translation>
    </message>
    <message>
        <source>Revoke a lower station</source>
        <translation>吊销下级站</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <source>Disable a user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Change a password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Change a role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Password reset with the recovery code</source>
        <translation>恢复码重设密码</translation>
    </message>
    <message>
        <source>Set up the station</source>
        <translation>初始化站点</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Generate demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Household member</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <source>Annual survey</source>
        <translation>年度调查</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Project stage</source>
        <translation>项目阶段</translation>
    </message>
    <message>
        <source>Project beneficiary</source>
        <translation>项目受益户</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>培训学员</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <source>Indicator milestone</source>
        <translation>指标节点</translation>
    </message>
    <message>
        <source>Indicator progress</source>
        <translation>指标进展</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Sync package</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>Sync conflict</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本站</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
</context>
</TS>
