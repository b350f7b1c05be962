/**
 * What the console demo prints at start: how to type, and a walkthrough that takes the demo's major
 * hazard through its whole life — registration, progress, a photo as evidence, the six-part plan,
 * completion, acceptance — exactly as printed (test/channels/console-walkthrough.test.ts plays it).
 * The deadline is relative ("30天内") so the walkthrough works on any day of the year.
 */
export const CONSOLE_WALKTHROUGH: readonly string[] = [
  '[应急管理局监管群] 王建国: 登记隐患：红星化工储罐区呼吸阀损坏，重大隐患，责任人@张伟，30天内整改完毕',
  '[红星化工安全对接群] 张伟: YH-0001 进度60% 已更换阀门，等待检测',
  '[红星化工安全对接群] 张伟: @图片 demo/valve.jpg',
  '[红星化工安全对接群] 张伟: YH-0001 治理方案 目标任务：消除泄漏 方法措施：更换原厂呼吸阀 资金物资：预算2万元 机构人员：设备部张伟牵头 时限要求：30天内 安全措施和应急预案：已编制并演练',
  '[红星化工安全对接群] 张伟: YH-0001 整改完成 请验收',
  '[应急管理局监管群] 王建国: YH-0001 验收通过',
  '[县安委会领导群] 刘县长: 今日汇总',
];

export const CONSOLE_BANNER = `隐患清零 · Hazard Zero 控制台演示
每行一条群消息：[群名] 姓名: 内容（之后可只写内容，沿用上一条的群和人；行尾加 \\ 可换行续写）
发照片或文件：@图片 路径（单独一行，如同在群里发一张照片；路径从启动目录算起）
试试（新建的演示库里第一条隐患是 YH-0001；登记、报进度、发照片、补齐重大隐患治理方案、报完成、验收销号）：
${CONSOLE_WALKTHROUGH.map((line) => `  ${line}`).join('\n')}
之后可以试：逾期隐患、我的隐患、查询 YH-0001、看板（领导群）、帮助。名册见 demo/roster.yaml；Ctrl-D 退出。`;
