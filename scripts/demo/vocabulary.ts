/**
 * The trades of the demo: those named in the source report (电脑维修, 美容美发, 家政服务, 厨师,
 * 保洁, 园林绿化) and the work people actually do around Huludao — the shipyard and petrochemical
 * plants, Xingcheng's swimwear workshops and their live-stream sellers, seafood processing on
 * the coast, Suizhong's orchards and the seaside hotels. Wages are yuan a month at local rates.
 */

export type Education =
  | 'NONE'
  | 'PRIMARY'
  | 'JUNIOR_SECONDARY'
  | 'SENIOR_SECONDARY'
  | 'VOCATIONAL'
  | 'COLLEGE'
  | 'BACHELOR';

export interface Occupation {
  name: string;
  skills: string[];
  wage: [min: number, max: number];
  /** Can be offered as a 公益性岗位 (public-welfare position) for hard-to-employ people. */
  publicWelfare?: boolean;
  /** One of the `industries` below. */
  sector: string;
  /** What employers usually ask for; vacancies without it ask for little or nothing. */
  education?: Education;
  /** Who mostly does this work locally, so the register looks plausible. Never used to set a vacancy's gender requirement. */
  mostly?: 'MALE' | 'FEMALE';
}

export interface Industry {
  name: string;
  /** Endings of company names in this industry, e.g. 家政服务有限公司. */
  companySuffixes: string[];
}

export const industries: Industry[] = [
  { name: '家政服务', companySuffixes: ['家政服务有限公司', '家庭服务有限公司'] },
  { name: '物业管理', companySuffixes: ['物业管理有限公司', '物业服务有限公司'] },
  { name: '保安服务', companySuffixes: ['保安服务有限公司'] },
  { name: '园林绿化', companySuffixes: ['园林绿化工程有限公司', '园林景观有限公司'] },
  { name: '养老服务', companySuffixes: ['养老服务有限公司', '康养服务有限公司'] },
  { name: '餐饮', companySuffixes: ['餐饮管理有限公司', '海鲜酒楼有限公司'] },
  { name: '美容美发', companySuffixes: ['美容美发有限公司', '美业有限公司'] },
  { name: '电脑维修', companySuffixes: ['电脑科技有限公司', '信息技术有限公司'] },
  { name: '商贸零售', companySuffixes: ['商贸有限公司', '超市有限公司', '购物中心有限公司'] },
  { name: '物流运输', companySuffixes: ['物流有限公司', '供应链管理有限公司', '快递服务有限公司'] },
  { name: '服装制造', companySuffixes: ['泳装有限公司', '服饰有限公司', '制衣有限公司'] },
  { name: '装备制造', companySuffixes: ['机械制造有限公司', '船舶配套有限公司', '电气安装工程有限公司'] },
  { name: '汽车维修', companySuffixes: ['汽车维修服务有限公司', '汽车服务有限公司'] },
  { name: '电子商务', companySuffixes: ['电子商务有限公司', '网络科技有限公司'] },
  { name: '水产加工', companySuffixes: ['水产食品有限公司', '海产品加工有限公司'] },
  { name: '现代农业', companySuffixes: ['果业有限公司', '农业发展有限公司'] },
  { name: '酒店旅游', companySuffixes: ['温泉度假酒店有限公司', '海滨酒店管理有限公司'] },
];

export const occupations: Occupation[] = [
  { name: '家政服务员', sector: '家政服务', wage: [2500, 4500], publicWelfare: true, mostly: 'FEMALE', skills: ['家庭保洁', '衣物洗涤熨烫', '家常菜烹饪', '老人陪护'] },
  { name: '育婴员', sector: '家政服务', wage: [3500, 6000], mostly: 'FEMALE', education: 'JUNIOR_SECONDARY', skills: ['婴幼儿喂养', '婴幼儿生活照料', '早期教育', '产后护理'] },
  { name: '保洁员', sector: '物业管理', wage: [1900, 2800], publicWelfare: true, skills: ['日常保洁', '地面养护', '清洁设备使用', '垃圾分类'] },
  { name: '物业维修工', sector: '物业管理', wage: [2800, 4200], mostly: 'MALE', skills: ['水暖维修', '电气线路安装', '门窗维修'] },
  { name: '保安员', sector: '保安服务', wage: [2000, 3200], mostly: 'MALE', skills: ['门岗值守', '安全巡逻', '消防设施操作', '监控值守'] },
  { name: '绿化工', sector: '园林绿化', wage: [2000, 3000], publicWelfare: true, skills: ['花木养护', '草坪修剪', '病虫害防治', '绿地浇灌'] },
  { name: '养老护理员', sector: '养老服务', wage: [2800, 4500], mostly: 'FEMALE', education: 'JUNIOR_SECONDARY', skills: ['生活照料', '基础护理', '康复护理', '失智老人照护'] },
  { name: '厨师', sector: '餐饮', wage: [3500, 7000], skills: ['中式烹调', '海鲜烹饪', '刀工', '食品安全'] },
  { name: '面点师', sector: '餐饮', wage: [3000, 5000], skills: ['中式面点', '发面制作', '饺子包子制作'] },
  { name: '餐厅服务员', sector: '餐饮', wage: [2200, 3200], mostly: 'FEMALE', skills: ['餐厅服务', '点菜传菜', '宴会摆台'] },
  { name: '美发师', sector: '美容美发', wage: [3000, 7000], skills: ['剪发', '烫染', '发型设计'] },
  { name: '美容师', sector: '美容美发', wage: [2800, 6000], mostly: 'FEMALE', skills: ['皮肤护理', '化妆', '美甲'] },
  { name: '电脑维修工', sector: '电脑维修', wage: [3000, 5500], mostly: 'MALE', education: 'VOCATIONAL', skills: ['计算机组装', '操作系统安装', '硬件故障检修', '网络布线', '打印机维修'] },
  { name: '收银员', sector: '商贸零售', wage: [2000, 3000], mostly: 'FEMALE', skills: ['收银操作', '商品扫码', '点钞验钞'] },
  { name: '营业员', sector: '商贸零售', wage: [2200, 3500], skills: ['商品陈列', '导购接待', '库存盘点'] },
  { name: '仓库管理员', sector: '物流运输', wage: [2800, 4200], education: 'SENIOR_SECONDARY', skills: ['出入库管理', '库存盘点', '仓储系统操作', '办公软件'] },
  { name: '快递员', sector: '物流运输', wage: [4000, 7000], mostly: 'MALE', skills: ['快件收派', '电动三轮车驾驶', '客户沟通'] },
  { name: '叉车司机', sector: '物流运输', wage: [3500, 5500], mostly: 'MALE', skills: ['叉车驾驶', '货物装卸', '叉车日常保养'] },
  { name: '货车司机', sector: '物流运输', wage: [5000, 8000], mostly: 'MALE', skills: ['货车驾驶', '货物运输', '车辆日常保养'] },
  { name: '服装缝纫工', sector: '服装制造', wage: [3000, 5500], mostly: 'FEMALE', skills: ['平车缝纫', '包缝', '泳装缝制', '服装裁剪'] },
  { name: '服装质检员', sector: '服装制造', wage: [2800, 4000], education: 'SENIOR_SECONDARY', skills: ['成品检验', '尺寸测量', '质量记录'] },
  { name: '电工', sector: '装备制造', wage: [3500, 6000], mostly: 'MALE', education: 'VOCATIONAL', skills: ['低压电工作业', '电气线路安装', '电气设备维修', '电气识图'] },
  { name: '焊工', sector: '装备制造', wage: [4500, 8000], mostly: 'MALE', skills: ['手工电弧焊', '二氧化碳气体保护焊', '氩弧焊', '焊接识图'] },
  { name: '数控车工', sector: '装备制造', wage: [4000, 6500], mostly: 'MALE', education: 'VOCATIONAL', skills: ['数控车床操作', '数控编程', '机械识图', '量具使用'] },
  { name: '汽车维修工', sector: '汽车维修', wage: [3500, 6500], mostly: 'MALE', education: 'VOCATIONAL', skills: ['发动机维修', '汽车电路检修', '底盘维修', '汽车保养'] },
  { name: '电商运营', sector: '电子商务', wage: [3500, 6000], education: 'COLLEGE', skills: ['网店运营', '商品上架', '直播带货', '数据分析'] },
  { name: '直播销售员', sector: '电子商务', wage: [3000, 8000], education: 'SENIOR_SECONDARY', skills: ['直播带货', '短视频拍摄', '泳装搭配讲解'] },
  { name: '客服专员', sector: '电子商务', wage: [2500, 4000], education: 'SENIOR_SECONDARY', skills: ['在线客服', '电话客服', '售后处理', '办公软件'] },
  { name: '水产品加工工', sector: '水产加工', wage: [3000, 4500], skills: ['海产品分拣', '水产品速冻', '海参加工', '冷库作业'] },
  { name: '果树工', sector: '现代农业', wage: [2500, 3800], skills: ['果树修剪', '果树嫁接', '病虫害防治', '采摘分级'] },
  { name: '客房服务员', sector: '酒店旅游', wage: [2300, 3300], mostly: 'FEMALE', skills: ['客房清扫', '布草整理', '前台接待'] },
];

/** Posts nearly every employer has besides its own trade (a shop needs a guard and a cleaner too). */
export const supportOccupations = ['保洁员', '保安员', '电工', '仓库管理员', '客服专员'];

/** What jobseekers add to a job intention, matching phrases employers put in vacancy descriptions. */
export const preferenceKeywords = ['离家近', '双休', '长白班', '包吃住', '五险一金', '不加班'];

/** Benefits written into vacancy descriptions; no two contradict or repeat each other. */
export const benefits = ['缴纳五险一金', '包吃住', '双休', '长白班', '节日福利', '加班另计工资', '带薪年假'];

/** 通用培训: courses not tied to one occupation, for GENERAL mode. */
export const generalCourses: { title: string; trade: string; skills: string[] }[] = [
  { title: '创业培训（SYB）班', trade: '创业培训', skills: ['创业计划书编制', '市场调研', '小微企业经营'] },
  { title: '网络创业培训班', trade: '网络创业', skills: ['网店运营', '直播带货', '短视频拍摄'] },
  { title: '计算机基础应用培训班', trade: '计算机操作员', skills: ['办公软件', '计算机基础操作'] },
  { title: '职业素养提升培训班', trade: '职业素养', skills: ['职业礼仪', '安全生产常识', '劳动权益保护'] },
];

export const occupationByName: ReadonlyMap<string, Occupation> = new Map(occupations.map((o) => [o.name, o]));
