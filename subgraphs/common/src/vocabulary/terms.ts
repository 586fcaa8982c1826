/**
 * 职业与技能词表: the occupations and skills the hub matches on, each with the other names
 * coordinators and employers write for it (厨师/厨工/炊事员). Shipped as data: adding a word is a
 * one-line change here, and every index picks it up on its next reindex.
 *
 * Covers the trades of the source report (电脑维修, 美容美发, 家政服务, 厨师, 保洁, 园林绿化) and
 * every occupation and skill of the demo data.
 */

export interface OccupationTerm {
  /** 标准职业名称: the canonical name. */
  name: string;
  /** Other names for the same work, normalised to `name`. */
  synonyms: string[];
  /** The skills the work usually asks for: what a person wanting this occupation would need. */
  skills: string[];
  /** The trade (行业) it belongs to. */
  trade: string;
}

export interface SkillTerm {
  name: string;
  synonyms: string[];
}

export const OCCUPATIONS: OccupationTerm[] = [
  { name: '家政服务员', trade: '家政服务', synonyms: ['家政员', '家政工', '家政', '家政服务', '保姆', '钟点工', '住家保姆'], skills: ['家庭保洁', '衣物洗涤熨烫', '家常菜烹饪', '老人陪护'] },
  { name: '育婴员', trade: '家政服务', synonyms: ['育婴师', '月嫂', '母婴护理员', '母婴护理师'], skills: ['婴幼儿喂养', '婴幼儿生活照料', '早期教育', '产后护理'] },
  { name: '保洁员', trade: '物业管理', synonyms: ['保洁', '清洁工', '保洁工', '清洁员', '环卫工', '卫生员'], skills: ['日常保洁', '地面养护', '清洁设备使用', '垃圾分类'] },
  { name: '物业维修工', trade: '物业管理', synonyms: ['物业维修员', '水电工', '维修工'], skills: ['水暖维修', '电气线路安装', '门窗维修'] },
  { name: '保安员', trade: '保安服务', synonyms: ['保安', '门卫', '安保员', '巡逻员'], skills: ['门岗值守', '安全巡逻', '消防设施操作', '监控值守'] },
  { name: '绿化工', trade: '园林绿化', synonyms: ['园林绿化工', '绿化员', '园林工', '花木工', '绿化养护工'], skills: ['花木养护', '草坪修剪', '病虫害防治', '绿地浇灌'] },
  { name: '养老护理员', trade: '养老服务', synonyms: ['护理员', '护工', '养老护工', '陪护'], skills: ['生活照料', '基础护理', '康复护理', '失智老人照护'] },
  { name: '厨师', trade: '餐饮', synonyms: ['厨工', '炊事员', '中式烹调师', '烹调师', '厨子', '大厨', '帮厨'], skills: ['中式烹调', '海鲜烹饪', '刀工', '食品安全'] },
  { name: '面点师', trade: '餐饮', synonyms: ['中式面点师', '白案', '面点工'], skills: ['中式面点', '发面制作', '饺子包子制作'] },
  { name: '餐厅服务员', trade: '餐饮', synonyms: ['服务员', '传菜员', '餐饮服务员'], skills: ['餐厅服务', '点菜传菜', '宴会摆台'] },
  { name: '美发师', trade: '美容美发', synonyms: ['理发师', '发型师', '美发', '理发员'], skills: ['剪发', '烫染', '发型设计'] },
  { name: '美容师', trade: '美容美发', synonyms: ['美容', '美容员', '美容技师'], skills: ['皮肤护理', '化妆', '美甲'] },
  { name: '电脑维修工', trade: '电脑维修', synonyms: ['计算机维修工', '电脑维修员', '计算机维修员', '电脑修理工', '网管'], skills: ['计算机维修', '计算机组装', '操作系统安装', '硬件故障检修', '网络布线', '打印机维修'] },
  { name: '收银员', trade: '商贸零售', synonyms: ['收银', '收款员'], skills: ['收银操作', '商品扫码', '点钞验钞'] },
  { name: '营业员', trade: '商贸零售', synonyms: ['导购', '导购员', '售货员', '店员'], skills: ['商品陈列', '导购接待', '库存盘点'] },
  { name: '仓库管理员', trade: '物流运输', synonyms: ['库管', '库管员', '仓管', '仓管员', '仓库保管员'], skills: ['出入库管理', '库存盘点', '仓储系统操作', '办公软件'] },
  { name: '快递员', trade: '物流运输', synonyms: ['快递', '快递小哥', '配送员', '送货员', '投递员'], skills: ['快件收派', '电动三轮车驾驶', '客户沟通'] },
  { name: '叉车司机', trade: '物流运输', synonyms: ['叉车工', '铲车司机', '叉车操作员'], skills: ['叉车驾驶', '货物装卸', '叉车日常保养'] },
  { name: '货车司机', trade: '物流运输', synonyms: ['卡车司机', '货运司机', '司机', '驾驶员'], skills: ['货车驾驶', '货物运输', '车辆日常保养'] },
  { name: '服装缝纫工', trade: '服装制造', synonyms: ['缝纫工', '车工', '缝纫', '裁缝', '制衣工'], skills: ['平车缝纫', '包缝', '泳装缝制', '服装裁剪'] },
  { name: '服装质检员', trade: '服装制造', synonyms: ['质检员', '检验员', '品检员'], skills: ['成品检验', '尺寸测量', '质量记录'] },
  { name: '电工', trade: '装备制造', synonyms: ['电气工', '维修电工', '电工师傅', '低压电工'], skills: ['低压电工作业', '电气线路安装', '电气设备维修', '电气识图'] },
  { name: '焊工', trade: '装备制造', synonyms: ['电焊工', '焊接工', '电焊', '气焊工'], skills: ['手工电弧焊', '二氧化碳气体保护焊', '氩弧焊', '焊接识图'] },
  { name: '数控车工', trade: '装备制造', synonyms: ['数控操作工', '数控车床工', '数控工', '车床工'], skills: ['数控车床操作', '数控编程', '机械识图', '量具使用'] },
  { name: '汽车维修工', trade: '汽车维修', synonyms: ['汽修工', '汽车修理工', '汽修', '汽车维修'], skills: ['发动机维修', '汽车电路检修', '底盘维修', '汽车保养'] },
  { name: '电商运营', trade: '电子商务', synonyms: ['网店运营', '电商运营专员', '运营专员'], skills: ['网店运营', '商品上架', '直播带货', '数据分析'] },
  { name: '直播销售员', trade: '电子商务', synonyms: ['主播', '带货主播', '直播员', '网络主播'], skills: ['直播带货', '短视频拍摄', '泳装搭配讲解'] },
  { name: '客服专员', trade: '电子商务', synonyms: ['客服', '客服员', '话务员', '接线员'], skills: ['在线客服', '电话客服', '售后处理', '办公软件'] },
  { name: '水产品加工工', trade: '水产加工', synonyms: ['水产加工工', '海产品加工工', '水产工'], skills: ['海产品分拣', '水产品速冻', '海参加工', '冷库作业'] },
  { name: '果树工', trade: '现代农业', synonyms: ['果农', '果树修剪工', '农业工人', '果园工'], skills: ['果树修剪', '果树嫁接', '病虫害防治', '采摘分级'] },
  { name: '客房服务员', trade: '酒店旅游', synonyms: ['客房员', '客房保洁', '酒店服务员'], skills: ['客房清扫', '布草整理', '前台接待'] },
];

/** Skills with their other names. Skills named only by an occupation above need no entry here. */
export const SKILLS: SkillTerm[] = [
  { name: '计算机维修', synonyms: ['电脑维修', '电脑修理', '计算机修理', '电脑维护'] },
  { name: '计算机组装', synonyms: ['电脑组装', '装机'] },
  { name: '硬件故障检修', synonyms: ['硬件维修', '电脑硬件维修'] },
  { name: '操作系统安装', synonyms: ['装系统', '系统安装', '重装系统'] },
  { name: '日常保洁', synonyms: ['保洁', '清洁', '打扫卫生', '清扫', '保洁服务'] },
  { name: '家庭保洁', synonyms: ['家居保洁', '家庭清洁', '家务'] },
  { name: '中式烹调', synonyms: ['烹饪', '炒菜', '烹调', '做饭', '厨艺'] },
  { name: '家常菜烹饪', synonyms: ['家常菜', '做家常菜'] },
  { name: '海鲜烹饪', synonyms: ['海鲜烹调', '海鲜制作'] },
  { name: '中式面点', synonyms: ['面点', '面食制作', '白案技术'] },
  { name: '剪发', synonyms: ['理发', '剪头', '美发'] },
  { name: '烫染', synonyms: ['烫发', '染发', '烫染发'] },
  { name: '皮肤护理', synonyms: ['美容护肤', '护肤', '面部护理', '美容'] },
  { name: '美甲', synonyms: ['美甲技术', '指甲护理'] },
  { name: '化妆', synonyms: ['化妆技术', '彩妆'] },
  { name: '花木养护', synonyms: ['绿化养护', '园林绿化', '绿化', '花卉养护', '苗木养护'] },
  { name: '草坪修剪', synonyms: ['剪草', '草坪养护'] },
  { name: '老人陪护', synonyms: ['陪护老人', '照顾老人', '老年人陪护'] },
  { name: '生活照料', synonyms: ['日常照料', '生活护理'] },
  { name: '婴幼儿生活照料', synonyms: ['带孩子', '照顾婴儿', '育儿'] },
  { name: '叉车驾驶', synonyms: ['开叉车', '叉车操作', '叉车证'] },
  { name: '货车驾驶', synonyms: ['开货车', '大车驾驶', 'B2驾照', 'A2驾照'] },
  { name: '电动三轮车驾驶', synonyms: ['开三轮车', '三轮车驾驶'] },
  { name: '低压电工作业', synonyms: ['低压电工证', '电工证', '低压电工'] },
  { name: '电气设备维修', synonyms: ['电器维修', '电气维修'] },
  { name: '手工电弧焊', synonyms: ['电弧焊', '手工焊', '电焊'] },
  { name: '二氧化碳气体保护焊', synonyms: ['二保焊', 'CO2焊', '气保焊'] },
  { name: '氩弧焊', synonyms: ['氩焊'] },
  { name: '数控车床操作', synonyms: ['数控车床', '数控操作', 'CNC操作'] },
  { name: '数控编程', synonyms: ['CNC编程', '数控程序编制'] },
  { name: '平车缝纫', synonyms: ['平车', '缝纫机操作', '缝纫'] },
  { name: '网店运营', synonyms: ['网店管理', '淘宝运营', '电商运营'] },
  { name: '直播带货', synonyms: ['直播销售', '带货', '直播'] },
  { name: '短视频拍摄', synonyms: ['短视频制作', '视频拍摄', '拍短视频'] },
  { name: '办公软件', synonyms: ['office', '电脑办公', '计算机办公', 'wps', 'excel', 'word'] },
  { name: '计算机基础操作', synonyms: ['电脑基础', '计算机基础', '会用电脑'] },
  { name: '收银操作', synonyms: ['收银', '收款'] },
  { name: '在线客服', synonyms: ['网络客服', '线上客服'] },
  { name: '电话客服', synonyms: ['电话接听', '话务'] },
  { name: '食品安全', synonyms: ['食品卫生', '健康证'] },
  { name: '汽车保养', synonyms: ['车辆保养', '汽车养护'] },
  { name: '发动机维修', synonyms: ['发动机修理'] },
  { name: '病虫害防治', synonyms: ['打药', '植保'] },
  { name: '果树修剪', synonyms: ['剪枝', '修枝'] },
  { name: '客房清扫', synonyms: ['客房保洁', '做房'] },
  { name: '前台接待', synonyms: ['前台', '接待'] },
  { name: '垃圾分类', synonyms: ['垃圾分拣'] },
  { name: '消防设施操作', synonyms: ['消防设施操作员', '消防中控', '消防证'] },
  { name: '创业计划书编制', synonyms: ['创业计划', '商业计划书'] },
];

/** Phrases of job advertisements and job intentions kept whole by the segmenter (包吃住, not 包吃 + 住). */
export const PHRASES: string[] = ['包吃住', '包住', '管吃住', '长白班', '五险一金', '双休', '单休', '离家近', '不加班', '加班另计', '带薪年假', '节日福利', '公益性岗位', '灵活就业', '计件工资'];
