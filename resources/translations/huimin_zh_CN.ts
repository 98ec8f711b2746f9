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
    <name>HouseholdsSummaryPage</name>
    <message>
        <source>Households</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>站点：</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>级别：</translation>
    </message>
    <message>
        <source>Division code:</source>
        <translation>区划代码：</translation>
    </message>
    <message>
        <source>Households:</source>
        <translation>农户数：</translation>
    </message>
    <message>
        <source>The household list (search, entry and editing, door-to-door surveys) comes with the next version.</source>
        <translation>农户列表（查询、录入、修改和入户调查）将在下一版本中提供。</translation>
    </message>
    <message>
        <source>{count} households</source>
        <translation>{count} 户</translation>
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
</TS>
