import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/parse/normalize.ts';
import { parseRegistration, type RegistrationFields } from '../../src/parse/parse-registration.ts';

/** 2026-12-01 09:00 in Shanghai, a Tuesday. */
const now = new Date('2026-12-01T01:00:00Z');
const unitNames = ['应急管理局', '城关镇', '红星化工', '蓝天物流', '实验小学', '城南建筑工地', '红星化工二厂', 'XX化工'];

/** As the pipeline does: normalize the message, then read the text after the 登记隐患 keyword. */
const parse = (text: string): RegistrationFields => parseRegistration(normalizeText(text), { now, unitNames });

type Row = [text: string, expected: RegistrationFields];

const freeText: Row[] = [
  // the DOMAIN.md example; a unit written into the phrase stays in the description
  ['XX化工储罐区呼吸阀损坏，重大隐患，责任人@张三，12月15日前整改完毕',
    { units: ['XX化工'], description: 'XX化工储罐区呼吸阀损坏', level: 'major', owner: '张三', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，重大隐患，责任人张伟，12月15日前整改完毕',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  // a unit standing alone is taken out of it
  ['红星化工，储罐区呼吸阀损坏，属于重大事故隐患，责任人：张伟 13800001111，整改期限：12月15日',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工：储罐区呼吸阀损坏，重大隐患，责任人张伟，12月15日前',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工 储罐区呼吸阀损坏、静电接地线断开，一般隐患，责任人张伟，12.15前',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏、静电接地线断开', level: 'general', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，静电接地线断开，责任人张伟，下周五前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏，静电接地线断开', owner: '张伟', deadline: '2026-12-11' }],
  ['红星化工储罐区呼吸阀损坏,重大隐患,责任人张伟,12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏；重大隐患；责任人张伟；12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  // the longest roster name wins: 红星化工二厂, not 红星化工
  ['红星化工二厂罐区可燃气体报警器失灵，属于一般隐患，责任人王五13800000000，3天内整改',
    { units: ['红星化工二厂'], description: '红星化工二厂罐区可燃气体报警器失灵', level: 'general', owner: '王五', deadline: '2026-12-04' }],
  ['红星化工储罐区呼吸阀损坏，属一般隐患，责任人张伟，12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'general', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，等级为重大，责任人为张伟，期限为3天',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-04' }],
  ['红星化工储罐区呼吸阀损坏，一般事故隐患，责任人张伟，限期3日内整改',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'general', owner: '张伟', deadline: '2026-12-04' }],
  ['红星化工危废暂存间防渗层破损，限期5日，责任人张伟',
    { units: ['红星化工'], description: '红星化工危废暂存间防渗层破损', owner: '张伟', deadline: '2026-12-06' }],
  ['实验小学食堂燃气管道未安装泄漏报警装置，一般隐患，责任人李四，下周五前',
    { units: ['实验小学'], description: '实验小学食堂燃气管道未安装泄漏报警装置', level: 'general', owner: '李四', deadline: '2026-12-11' }],
  ['蓝天物流停车场危化品车辆混停，责任人赵六，5个工作日内整改到位',
    { units: ['蓝天物流'], description: '蓝天物流停车场危化品车辆混停', owner: '赵六', deadline: '2026-12-08' }],
  ['城南建筑工地基坑临边防护缺失，责任人陈七，12.10',
    { units: ['城南建筑工地'], description: '城南建筑工地基坑临边防护缺失', owner: '陈七', deadline: '2026-12-10' }],
  ['红星化工储罐区呼吸阀损坏，整改负责人张伟，截止日期12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，责任人张伟，2026年12月15日前完成整改',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工，储罐区呼吸阀损坏，整改期限至12月15日，责任人张伟',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // a range is due at its end
  ['红星化工储罐区呼吸阀损坏，责任人张伟，12月1日至12月15日整改',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // owner written after the name: 张伟负责
  ['红星化工，储罐区，呼吸阀损坏，张伟负责，12月15日前',
    { units: ['红星化工'], description: '储罐区，呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // a phone number with its label is not part of the description
  ['红星化工储罐区呼吸阀损坏，责任人：张伟，电话：13800001111，12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
];

const spaced: Row[] = [
  // the DOMAIN.md example: town and school both named, the caller keeps the school
  ['城关镇 实验小学 消防通道被占用 责任人 李四 期限3天',
    { units: ['城关镇', '实验小学'], description: '消防通道被占用', owner: '李四', deadline: '2026-12-04' }],
  ['城关镇 实验小学 疏散指示标志损坏 责任人李四（13700000000） 十二月十日前',
    { units: ['城关镇', '实验小学'], description: '疏散指示标志损坏', owner: '李四', deadline: '2026-12-10' }],
  ['红星化工 储罐区呼吸阀损坏 责任人张伟 期限3天',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-04' }],
  ['红星化工 储罐区呼吸阀损坏 一般隐患 责任人 张伟 期限 3天',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', level: 'general', owner: '张伟', deadline: '2026-12-04' }],
  ['红星化工储罐区呼吸阀损坏 等级 重大 责任人 张伟 时限 12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工二厂 甲类仓库堆放超量 重大隐患 责任人@王五 下周五前',
    { units: ['红星化工二厂'], description: '甲类仓库堆放超量', level: 'major', owner: '王五', deadline: '2026-12-11' }],
  ['蓝天物流 危化品运输车辆未安装卫星定位 一般隐患 责任人 赵六(13912345678) 下周五前',
    { units: ['蓝天物流'], description: '危化品运输车辆未安装卫星定位', level: 'general', owner: '赵六', deadline: '2026-12-11' }],
  ['蓝天物流停车场 危化品车辆混停 一般隐患 责任人 赵六 限期五天',
    { units: ['蓝天物流'], description: '蓝天物流停车场 危化品车辆混停', level: 'general', owner: '赵六', deadline: '2026-12-06' }],
  ['实验小学 消防通道被占用 责任人李四 3天内',
    { units: ['实验小学'], description: '消防通道被占用', owner: '李四', deadline: '2026-12-04' }],
  ['城南建筑工地 脚手架连墙件缺失 重大 责任人@陈七 本月底前',
    { units: ['城南建筑工地'], description: '脚手架连墙件缺失', level: 'major', owner: '陈七', deadline: '2026-12-31' }],
  ['城南建筑工地 基坑临边防护缺失 责任人陈七 期限12.10',
    { units: ['城南建筑工地'], description: '基坑临边防护缺失', owner: '陈七', deadline: '2026-12-10' }],
  ['红星化工 2号储罐液位计失灵 责任人张伟 15号前',
    { units: ['红星化工'], description: '2号储罐液位计失灵', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏 责任人张伟 十二月十五日前整改完毕',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // ideographic spaces, as an IME types them
  ['XX化工　危废　废矿物油桶露天堆放　责任人：张伟　本月底前',
    { units: ['XX化工'], category: '危废', description: '废矿物油桶露天堆放', owner: '张伟', deadline: '2026-12-31' }],
  // a keyed value in a spaced line ends where the next field starts
  ['红星化工储罐区呼吸阀损坏 重大隐患 措施：更换呼吸阀、加强巡检 责任人：张伟 期限：12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', measures: '更换呼吸阀、加强巡检', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏 整改措施：更换同型号呼吸阀并检测 责任人张伟 期限3天',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', measures: '更换同型号呼吸阀并检测', owner: '张伟', deadline: '2026-12-04' }],
  ['单位：红星化工 储罐区呼吸阀损坏 责任人张伟 12月15日前',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
];

const keyed: Row[] = [
  ['单位：红星化工\n隐患：储罐区呼吸阀损坏\n等级：重大\n责任人：张伟\n整改措施：更换呼吸阀\n整改时限：12月15日',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', level: 'major', owner: '张伟', measures: '更换呼吸阀', deadline: '2026-12-15' }],
  ['单位=红星化工；隐患描述=储罐区呼吸阀损坏；责任人=张伟；期限=12.15',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['单位＝红星化工，隐患＝储罐区呼吸阀损坏，责任人＝张伟，时限＝１２月１５日',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['单位:红星化工 隐患:储罐区呼吸阀损坏 责任人:张伟 时限:12月15日',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['单位：蓝天物流\n问题：危化品运输车辆罐体标志不清\n等级：一般\n类别：道路交通\n责任人：赵六\n措施：重新喷涂标志\n期限：3天',
    { units: ['蓝天物流'], description: '危化品运输车辆罐体标志不清', level: 'general', category: '道路交通', owner: '赵六', measures: '重新喷涂标志', deadline: '2026-12-04' }],
  // a form with a title line; a measure with a comma in it stays whole
  ['【隐患登记】\n单位：城南建筑工地\n隐患描述：塔吊限位器失效\n隐患等级：重大隐患\n整改措施：立即停用塔吊，更换限位器\n整改责任人：陈七\n整改时限：12月10日',
    { units: ['城南建筑工地'], description: '塔吊限位器失效', level: 'major', measures: '立即停用塔吊，更换限位器', owner: '陈七', deadline: '2026-12-10' }],
  // a numbered form
  ['1.单位：红星化工\n2.隐患：储罐区呼吸阀损坏\n3.责任人：张伟\n4.时限：12月15日',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['一、单位：实验小学\n二、问题：宿舍楼消火栓无水\n三、责任人：李四\n四、时限：12月5日',
    { units: ['实验小学'], description: '宿舍楼消火栓无水', owner: '李四', deadline: '2026-12-05' }],
  ['企业名称：红星化工二厂\n存在问题：液氨储罐区未设置围堰\n隐患级别：重大\n整改措施：设置围堰并配备应急物资\n整改负责人：王五 13900000000\n完成时限：2027年1月10日',
    { units: ['红星化工二厂'], description: '液氨储罐区未设置围堰', level: 'major', measures: '设置围堰并配备应急物资', owner: '王五', deadline: '2027-01-10' }],
  ['类别：校园消防\n单位：实验小学\n隐患：宿舍楼消火栓无水\n责任人：李四\n时限：12月5日',
    { units: ['实验小学'], category: '校园消防', description: '宿舍楼消火栓无水', owner: '李四', deadline: '2026-12-05' }],
  ['单位：城关镇 实验小学\n隐患：消防通道被占用\n责任人：李四\n期限：3天',
    { units: ['城关镇', '实验小学'], description: '消防通道被占用', owner: '李四', deadline: '2026-12-04' }],
  ['红星化工，位置：二号罐区，问题：呼吸阀损坏，措施：更换呼吸阀，责任人：张伟，时限：12月15日',
    { units: ['红星化工'], location: '二号罐区', description: '呼吸阀损坏', measures: '更换呼吸阀', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工，位置：储罐区，呼吸阀损坏，责任人张伟，12月15日前',
    { units: ['红星化工'], location: '储罐区', description: '呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工，隐患：储罐区呼吸阀损坏，静电接地线断开，责任人张伟，12月15日前',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏，静电接地线断开', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，负责人：张伟，完成时限：本月底',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-31' }],
  ['红星化工储罐区呼吸阀损坏，隐患等级：一般，责任人张伟，时限12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'general', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏\n责任人：张伟（安全员）\n时限：12月15日下午5点前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，责任人：@张伟，整改时限：2026年12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工储罐区呼吸阀损坏，责任人：张伟，整改时限：2026-12-15',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // a unit named inside a keyed description counts as much as in free text
  ['隐患描述：实验小学宿舍楼疏散通道堆放杂物\n整改要求：立即清理\n整改时限：当天',
    { units: ['实验小学'], description: '实验小学宿舍楼疏散通道堆放杂物', measures: '立即清理', deadline: '2026-12-01' }],
  ['重大隐患：红星化工储罐区呼吸阀损坏，责任人张伟，12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', level: 'major', owner: '张伟', deadline: '2026-12-15' }],
];

const mentionsAndLines: Row[] = [
  ['红星化工储罐区呼吸阀损坏 @张伟 12月15日',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['@张伟 红星化工储罐区呼吸阀损坏 12月15日前整改',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  // the first mention is the owner; the others are only told
  ['红星化工储罐区呼吸阀损坏 责任人@张伟 @李四 12月15日前',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['ＸＸ化工储罐区呼吸阀损坏，重大隐患，责任人＠张三，１２月１５日前整改完毕',
    { units: ['XX化工'], description: 'XX化工储罐区呼吸阀损坏', level: 'major', owner: '张三', deadline: '2026-12-15' }],
  ['蓝天物流\n危化品运输车辆未按规定路线行驶\n一般隐患\n@赵六\n12月20日前',
    { units: ['蓝天物流'], description: '危化品运输车辆未按规定路线行驶', level: 'general', owner: '赵六', deadline: '2026-12-20' }],
  // who inspected goes, and so does the department named there when the findings name the unit
  ['应急管理局检查发现：红星化工储罐区呼吸阀损坏，责任人张伟，本月底',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-31' }],
  // and an earlier date in it is not the deadline
  ['红星化工11月30日检查时发现储罐区呼吸阀损坏，责任人张伟，12月15日前',
    { units: ['红星化工'], description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
];

const sectors: Row[] = [
  ['XX化工 非煤矿山排土场截排水沟堵塞 一般隐患 责任人孙八 2027年1月10日前',
    { units: ['XX化工'], description: '非煤矿山排土场截排水沟堵塞', level: 'general', owner: '孙八', deadline: '2027-01-10' }],
  ['红星化工 煤矿井下瓦斯监测探头失效 重大 责任人周九 明天',
    { units: ['红星化工'], description: '煤矿井下瓦斯监测探头失效', level: 'major', owner: '周九', deadline: '2026-12-02' }],
  // 重大危险源 is a term, not the level
  ['红星化工 重大危险源未设置自动化控制系统 责任人张伟 12月15日前',
    { units: ['红星化工'], description: '重大危险源未设置自动化控制系统', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工 工业园区内管廊与厂房安全距离不足 重大隐患 责任人@张伟 年底前',
    { units: ['红星化工'], description: '工业园区内管廊与厂房安全距离不足', level: 'major', owner: '张伟', deadline: '2026-12-31' }],
  // a sector written as a word of its own is the category
  ['实验小学 校园消防 宿舍楼消火栓无水 重大隐患 责任人李四 本周五',
    { units: ['实验小学'], category: '校园消防', description: '宿舍楼消火栓无水', level: 'major', owner: '李四', deadline: '2026-12-04' }],
  ['城关镇 道路交通 国道弯道处警示标志缺失 责任人 刘十 12月20日前',
    { units: ['城关镇'], category: '道路交通', description: '国道弯道处警示标志缺失', owner: '刘十', deadline: '2026-12-20' }],
  ['蓝天物流 危化品 运输车辆紧急切断阀失效 责任人赵六 12月15号前',
    { units: ['蓝天物流'], category: '危化品', description: '运输车辆紧急切断阀失效', owner: '赵六', deadline: '2026-12-15' }],
  ['城南建筑工地 建筑施工 塔吊司机无证上岗 重大隐患 责任人陈七 3天内',
    { units: ['城南建筑工地'], category: '建筑施工', description: '塔吊司机无证上岗', level: 'major', owner: '陈七', deadline: '2026-12-04' }],
  ['XX化工 危废 废矿物油桶露天堆放 责任人张伟 本月底前',
    { units: ['XX化工'], category: '危废', description: '废矿物油桶露天堆放', owner: '张伟', deadline: '2026-12-31' }],
];

const missing: Row[] = [
  ['消防通道被占用', { description: '消防通道被占用' }],
  ['储罐区呼吸阀损坏 责任人张伟 12月15日前', { description: '储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
  ['红星化工 危废暂存间标识缺失 责任人张伟', { units: ['红星化工'], description: '危废暂存间标识缺失', owner: '张伟' }],
  ['红星化工 危废暂存间标识缺失 12月20日前', { units: ['红星化工'], description: '危废暂存间标识缺失', deadline: '2026-12-20' }],
  ['红星化工 责任人张伟 12月15日前', { units: ['红星化工'], owner: '张伟', deadline: '2026-12-15' }],
  ['今天检查发现红星化工储罐区呼吸阀损坏，责任人张伟', { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟' }],
  ['隐患：红星化工储罐区呼吸阀损坏', { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏' }],
  ['', {}],
];

// a deadline that is written but not a date is kept, so the bot can ask for a real one
const unreadable: Row[] = [
  ['实验小学，消防通道被占用，责任人：李四，整改时限：尽快',
    { units: ['实验小学'], description: '消防通道被占用', owner: '李四', deadlineText: '尽快' }],
  ['位置：储罐区\n问题：呼吸阀损坏\n单位：红星化工\n责任人：张伟\n时限：尽快',
    { units: ['红星化工'], location: '储罐区', description: '呼吸阀损坏', owner: '张伟', deadlineText: '尽快' }],
  // 马上 / 立即整改 / 立行立改 are today (#10 item 12); 尽快 names no day and is asked for
  ['红星化工储罐区呼吸阀损坏，责任人张伟，整改时限：马上',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadline: '2026-12-01' }],
  ['红星化工储罐区呼吸阀损坏，责任人张伟，尽快整改',
    { units: ['红星化工'], description: '红星化工储罐区呼吸阀损坏', owner: '张伟', deadlineText: '尽快整改' }],
  ['城南建筑工地 塔吊司机无证上岗 重大隐患 责任人陈七 立即整改',
    { units: ['城南建筑工地'], description: '塔吊司机无证上岗', level: 'major', owner: '陈七', deadline: '2026-12-01' }],
  ['红星化工 配电室门口堆放杂物 责任人张伟 立行立改',
    { units: ['红星化工'], description: '配电室门口堆放杂物', owner: '张伟', deadline: '2026-12-01' }],
  // written but not understood: quoted back (#10 item 12)
  ['红星化工 配电室门口堆放杂物 责任人张伟 节后整改',
    { units: ['红星化工'], description: '配电室门口堆放杂物', owner: '张伟', deadlineText: '节后' }],
  ['红星化工 配电室门口堆放杂物 责任人张伟 -3天内',
    { units: ['红星化工'], description: '配电室门口堆放杂物', owner: '张伟', deadlineText: '-3天内' }],
];

describe('parseRegistration', () => {
  describe.each([
    ['free text', freeText],
    ['space-separated', spaced],
    ['key:value and forms', keyed],
    ['mentions and lines', mentionsAndLines],
    ['sectors', sectors],
    ['missing fields', missing],
    ['unreadable deadline', unreadable],
  ] as const)('%s', (_, rows) => {
    it.each(rows)('%s', (text, expected) => {
      expect(parse(text)).toEqual(expected);
    });
  });
});

/** #10 item 5: a numbered list is several hazards sharing the unit, owner and deadline. */
describe('numbered lists', () => {
  it.each([
    ['红星化工 1.配电室门口堆放杂物 2.灭火器过期 3.应急照明不亮，责任人张伟，12月15日前',
      { units: ['红星化工'], owner: '张伟', deadline: '2026-12-15', items: ['配电室门口堆放杂物', '灭火器过期', '应急照明不亮'] }],
    ['今天去红星化工检查发现两个问题一是配电室门口堆放杂物二是灭火器过期，责任人张伟，3天内整改',
      { units: ['红星化工'], owner: '张伟', deadline: '2026-12-04', items: ['配电室门口堆放杂物', '灭火器过期'] }],
    ['红星化工 责任人张伟 12月15日前\n①消防通道堵塞②灭火器过期③疏散指示灯不亮',
      { units: ['红星化工'], owner: '张伟', deadline: '2026-12-15', items: ['消防通道堵塞', '灭火器过期', '疏散指示灯不亮'] }],
    ['蓝天物流\n1、叉车未年检\n2、消防通道堵塞\n责任人：钱经理\n整改时限：12月20日',
      { units: ['蓝天物流'], owner: '钱经理', deadline: '2026-12-20', items: ['叉车未年检', '消防通道堵塞'] }],
    ['实验小学（1）宿舍楼消火栓无水（2）疏散指示灯不亮 责任人李四 一周内',
      { units: ['实验小学'], owner: '李四', deadline: '2026-12-08', items: ['宿舍楼消火栓无水', '疏散指示灯不亮'] }],
    ['红星化工1配电室堆放杂物2灭火器过期 责任人张伟 月底前',
      { units: ['红星化工'], owner: '张伟', deadline: '2026-12-31', items: ['配电室堆放杂物', '灭火器过期'] }],
  ] as const)('%s', (text, expected) => {
    const { items, description, ...shared } = parse(text);
    expect(items?.map((i) => i.description)).toEqual(expected.items);
    expect(description).toBe(expected.items.join('；'));
    const { items: _, ...rest } = expected;
    expect(shared).toEqual(rest);
  });

  it('keeps what one item says of itself, and the place they share', () => {
    const fields = parse('红星化工储罐区：1.呼吸阀损坏，重大隐患 2.静电接地断开 责任人张伟 月底前');
    expect(fields).toMatchObject({ units: ['红星化工'], location: '储罐区', owner: '张伟', deadline: '2026-12-31' });
    expect(fields.items).toEqual([{ description: '呼吸阀损坏', level: 'major' }, { description: '静电接地断开' }]);
  });

  it.each([
    '红星化工2号罐呼吸阀损坏，1.5米高处无护栏，责任人张伟，12月15日前',
    '红星化工 3处灭火器过期 2个安全出口上锁 责任人张伟 12月15日前',
  ])('a number that is no list marker leaves one hazard: %s', (text) => {
    expect(parse(text).items).toBeUndefined();
  });
});

/** #10 item 13: the labels and layouts officials use. */
describe('labels and layouts', () => {
  it.each([
    ['红星化工 配电室堆放杂物 整改人张伟 督办人王建国 12月15日前',
      { units: ['红星化工'], description: '配电室堆放杂物', owner: '张伟', supervisor: '王建国', deadline: '2026-12-15' }],
    ['红星化工 配电室堆放杂物 落实人：张伟，完成时限：12月15日',
      { units: ['红星化工'], description: '配电室堆放杂物', owner: '张伟', deadline: '2026-12-15' }],
    ['存在问题：灭火器过期 隐患部位：仓库 整改责任人：张伟 整改期限：12月15日前',
      { description: '灭火器过期', location: '仓库', owner: '张伟', deadline: '2026-12-15' }],
    ['问题描述：叉车未年检，负责人：钱经理，完成时限：12月20日',
      { description: '叉车未年检', owner: '钱经理', deadline: '2026-12-20' }],
    // a place with commas in it stays whole
    ['单位：红星化工，位置：3号车间，东侧配电室，问题：门口堆放杂物，负责人 张伟，整改期限 3天内',
      { units: ['红星化工'], location: '3号车间，东侧配电室', description: '门口堆放杂物', owner: '张伟', deadline: '2026-12-04' }],
    ['位置：储罐区，呼吸阀损坏，责任人张伟，12月15日前',
      { location: '储罐区', description: '呼吸阀损坏', owner: '张伟', deadline: '2026-12-15' }],
    // labels on lines of their own, with or without colons
    ['单位\n红星化工\n存在问题\n配电室门口堆放杂物\n整改责任人\n张伟\n整改期限\n12月15日前',
      { units: ['红星化工'], description: '配电室门口堆放杂物', owner: '张伟', deadline: '2026-12-15' }],
    ['单位 红星化工\n存在问题 灭火器过期\n隐患部位 仓库\n整改人 张伟\n完成时限 12月20日',
      { units: ['红星化工'], description: '灭火器过期', location: '仓库', owner: '张伟', deadline: '2026-12-20' }],
    ['单位：\n蓝天物流\n问题描述：\n叉车未年检\n负责人：\n钱经理\n完成时限：\n3天内',
      { units: ['蓝天物流'], description: '叉车未年检', owner: '钱经理', deadline: '2026-12-04' }],
  ] as const)('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('does not read 整改人员 as a label', () => {
    expect(parse('红星化工 整改人员已到位 责任人张伟 12月15日前')).toMatchObject({ owner: '张伟', description: '整改人员已到位' });
  });
});
