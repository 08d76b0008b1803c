import type { Language, Lines } from './script-types';
import { en } from './lines/en';
import { ja } from './lines/ja';
import { ko } from './lines/ko';
import { th } from './lines/th';
import { zhTW } from './lines/zh-tw';

export const LINES: Record<Language, Lines> = { ko, ja, en, th, 'zh-TW': zhTW };
