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
    <name>Errors</name>
    <message>
        <source>This data folder was written by a newer version of the program. Please install the newer version; nothing was changed.</source>
        <translation>此数据文件夹由更新版本的程序写入，请安装新版本后再打开；数据未做任何改动。</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be used: {reason}</source>
        <translation>数据文件夹 {path} 无法使用：{reason}</translation>
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
        <source>Just looking?</source>
        <translation>先看看？</translation>
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
        <source>Generating the demo data…</source>
        <translation>正在生成演示数据……</translation>
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
        <source>Please check</source>
        <translation>请核对</translation>
    </message>
    <message>
        <source>These points look unusual. Save anyway?</source>
        <translation>以下情况不太寻常，请核对。仍然保存吗？</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Go back and correct</source>
        <translation>返回修改</translation>
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
        <translation>回车打开选中的农户；在搜索框中按 ↓ 进入列表。</translation>
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
        <source>Year</source>
        <translation>年度</translation>
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
        <source>All ethnicities</source>
        <translation>全部民族</translation>
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
        <source>{shown} of {total} households</source>
        <translation>找到 {shown} 户（共 {total} 户）</translation>
    </message>
    <message>
        <source>{count} households</source>
        <translation>共 {count} 户</translation>
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
        <source>One archive per project: its text records and its photo, audio and video material.</source>
        <translation>一个项目一个档案：项目的文字记录以及照片、音频、视频资料。</translation>
    </message>
    <message>
        <source>Four kinds of projects: production development, livelihood, local governance and farm-technology training</source>
        <translation>四类项目：生产发展、惠及民生、基层政权建设、农业实用科技培训</translation>
    </message>
    <message>
        <source>Every stage with dates, people and documents: application, review, audit, public notice, acceptance</source>
        <translation>各阶段的日期、经办人和文件：申报、评审、审核、公示、验收</translation>
    </message>
    <message>
        <source>Photos, audio and video kept with the archive, with thumbnails</source>
        <translation>照片、音频、视频随档案保存，并生成缩略图</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Practical farm-technology training sessions and the households that attended.</source>
        <translation>农业实用科技培训的各场次及参训农户。</translation>
    </message>
    <message>
        <source>Sessions: date, place, topic and teacher</source>
        <translation>培训场次：时间、地点、内容和授课人</translation>
    </message>
    <message>
        <source>Attendees picked from the household list</source>
        <translation>参训人员从农户名单中选择</translation>
    </message>
    <message>
        <source>Photos and sign-in sheets as evidence</source>
        <translation>照片和签到表作为佐证材料</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Monthly performance assessment of the counties against their indicators.</source>
        <translation>按考核指标对各县（市、区）进行月度绩效考核。</translation>
    </message>
    <message>
        <source>Indicators with targets, monthly milestones and scoring rules</source>
        <translation>考核指标：目标任务、月度进度节点和评分标准</translation>
    </message>
    <message>
        <source>Responsible people, deadlines and lead units</source>
        <translation>责任人、完成时限和牵头单位</translation>
    </message>
    <message>
        <source>Progress entries with their evidence</source>
        <translation>进度填报及佐证材料</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Exchange data with the county and the city office on a USB stick.</source>
        <translation>用U盘与县、市民委交换数据。</translation>
    </message>
    <message>
        <source>Export a sync package with everything since the last acknowledgement</source>
        <translation>导出同步数据包：包含上次确认以来的全部变更</translation>
    </message>
    <message>
        <source>Merge the packages of lower stations and review conflicts</source>
        <translation>合并下级站点的数据包，审核冲突</translation>
    </message>
    <message>
        <source>Return packages: reference data, corrections and acknowledgements</source>
        <translation>回传数据包：基础数据、更正和接收确认</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>The official statistics tables, as Excel workbooks ready to print.</source>
        <translation>正式统计报表，生成可直接打印的 Excel 工作簿。</translation>
    </message>
    <message>
        <source>Households, income and needs by township and village</source>
        <translation>按乡镇、村统计农户、收入和需求</translation>
    </message>
    <message>
        <source>Projects and funds by category and source</source>
        <translation>按类别和来源统计项目与资金</translation>
    </message>
    <message>
        <source>Progress against the yearly targets</source>
        <translation>年度目标任务完成进度</translation>
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
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
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
    <message>
        <source>About {app}</source>
        <translation>关于{app}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{app}&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Household surveys, project archives, training, assessment and USB sync for the ethnic-minority &quot;828&quot; program of Chaoyang City, Liaoning. Works offline.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;{app}&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;辽宁省朝阳市少数民族“828”惠民工程：农户调查、项目档案、培训、考核与U盘数据同步。无需联网即可使用。&lt;/p&gt;</translation>
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
    <name>PlaceholderPage</name>
    <message>
        <source>This page is being built and comes with a later version.</source>
        <translation>此功能正在开发中，将在后续版本中提供。</translation>
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
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Saved. The new language takes effect when the program is restarted.</source>
        <translation>已保存。新的界面语言将在重新启动程序后生效。</translation>
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
</TS>
