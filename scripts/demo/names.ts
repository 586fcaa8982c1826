import type { Rng } from './random';
import type { Gender } from './types';

/**
 * Surnames with rough weights for Liaoning: the national top ten, with the north-east's many
 * 孙, 于, 姜 and 曲, and the Manchu-origin 佟, 关 and 那 that are common around Xingcheng.
 */
const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 55], ['陈', 30], ['杨', 30], ['赵', 27], ['黄', 10],
  ['周', 15], ['吴', 13], ['孙', 22], ['于', 16], ['马', 15], ['徐', 15], ['高', 14], ['郭', 12],
  ['朱', 10], ['姜', 11], ['韩', 10], ['董', 9], ['宋', 9], ['田', 7], ['白', 6], ['崔', 7],
  ['曹', 6], ['冯', 6], ['许', 5], ['付', 6], ['胡', 8], ['何', 5], ['林', 4], ['郑', 6],
  ['梁', 5], ['谢', 4], ['唐', 4], ['袁', 4], ['邓', 3], ['丁', 4], ['魏', 5], ['吕', 5],
  ['任', 5], ['孟', 5], ['侯', 4], ['杜', 4], ['范', 4], ['石', 4], ['贾', 4], ['闫', 4],
  ['薛', 3], ['常', 3], ['齐', 3], ['邢', 3], ['曲', 3], ['隋', 2], ['佟', 3], ['关', 3],
  ['那', 1], ['鲁', 2], ['庞', 2], ['秦', 3],
];

/** Given-name characters by gender; older people's names draw on a different stock from younger people's. */
const GIVEN_STOCK: Record<Gender, { older: string; younger: string }> = {
  MALE: {
    older: '国建军伟强明刚平华立成永德庆学志海春东峰文林福贵宝山玉才兴广',
    younger: '磊杰涛斌超辉鹏飞鑫波宇浩凯健俊帆帅旭宁龙阳博然轩泽睿晨铭豪瑞子航',
  },
  FEMALE: {
    older: '淑秀英桂兰凤玉华芳丽艳红梅霞燕玲敏静娟萍荣珍琴云春香',
    younger: '娜婷雪琳倩颖慧佳欣悦怡晶丹妍璐薇雯月思雨洁彤萱琪涵梓诗可',
  },
};

const GIVEN = Object.fromEntries(
  (Object.entries(GIVEN_STOCK) as [Gender, { older: string; younger: string }][]).map(([gender, { older, younger }]) => [
    gender,
    { older: [...older], younger: [...younger], any: [...older, ...younger] },
  ]),
) as Record<Gender, { older: string[]; younger: string[]; any: string[] }>;

/** People born from 1985 on mostly have the newer names. */
const NEWER_NAMES_FROM = 1985;

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

export function givenName(rng: Rng, gender: Gender, birthYear?: number): string {
  const stock = GIVEN[gender];
  const chars = birthYear !== undefined && birthYear >= NEWER_NAMES_FROM ? stock.younger : stock.older;
  const first = rng.pick(chars);
  // About a quarter of names have a single given character (王伟, 李娜).
  return rng.chance(0.25) ? first : first + rng.pick(stock.any);
}

export function personName(rng: Rng, gender: Gender, birthYear?: number): string {
  return surname(rng) + givenName(rng, gender, birthYear);
}
