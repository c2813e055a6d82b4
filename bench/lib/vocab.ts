import { int, pick, rngFor, zipf, type Rng } from './rng';

/**
 * Word material per language. Real function words head each vocabulary (they are most of running
 * text and what FTS5 indexes most often); content words are made from syllables of the language's
 * script and drawn with Zipf frequencies, so the index has a realistic long tail of rare terms.
 */
export type Language = 'en' | 'ru' | 'uk' | 'ar' | 'zh' | 'fr';

export interface Vocabulary {
  language: Language;
  /** One word of running text (function or content) drawn by frequency. */
  word(rng: Rng): string;
  /** A content word (what an analyst would search for), drawn by frequency. */
  content(rng: Rng): string;
  /** A person's or a place's name, one to three capitalised words. */
  name(rng: Rng): string;
  /** Words are separated by spaces (false for Chinese). */
  spaced: boolean;
  stop: string;
  comma: string;
  open: string;
  close: string;
}

export const FUNCTION_WORDS: Record<Language, string[]> = {
  en: 'the of and to a in that is for on was with he it as at by said from his an be has have are were had not but this which they who its been their after also would will more than one two about over into up there when new other last year some could all people what first against if officials forces region'.split(' '),
  ru: 'и в не на что с по как это из за к о от для но же все его до также бы так уже при только был было она они после более года который во заявил сообщил время'.split(' '),
  uk: 'і в на що не з до як це за від про для але вже також було він вона вони після року який під час заявив повідомив що було'.split(' '),
  ar: 'في من على إلى أن التي الذي عن مع هذا هذه كان قد بعد ما لا إن أو بين كل ذلك حيث وقال العام منذ خلال'.split(' '),
  zh: [],
  fr: 'le la les de des du et à un une en que qui dans pour sur pas par au est a été avec ce il elle ont sont plus après selon année déclaré'.split(' '),
};

/** Syllables per script; content words are two to four of them. */
const SYLLABLES: Record<Exclude<Language, 'zh'>, string[]> = {
  en: 'ka ro min tel var os ul den bra ske lo ni ther ash pro con ment ing tion er al ver sta port com mar gen ris dis tor vel cas ban ord im pli cat fen nor rad'.split(' '),
  ru: 'ка ро ми тел вар ос ул ден бра ске ло ни пр ст ов ен ни ра то на ли ко ва ре по сти ция ный ская ост жд гра мир вол'.split(' '),
  uk: 'ка ро мі тел вар ос ул ден бра ске ло ні пр ст ов ен ні ра то на лі ко ва ре по сті ція ний ська іст їж гра мир вол'.split(' '),
  ar: 'كا رو مي تل وا سي نا لي مو قا دا حي عا بو طي فر جم سل كت رس'.split(' '),
  fr: 'ca ro mi tel var os ul den bra sé lo ni pré con ment tion é al ver sta port com mar gè ris dis tor vel cas ban ord im pli côt fên'.split(' '),
};

/** Common Chinese characters; a Chinese "word" is a run of two to four of them. */
const HANZI = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';

const PUNCT: Record<Language, { stop: string; comma: string; open: string; close: string }> = {
  en: { stop: '.', comma: ',', open: '“', close: '”' },
  ru: { stop: '.', comma: ',', open: '«', close: '»' },
  uk: { stop: '.', comma: ',', open: '«', close: '»' },
  ar: { stop: '.', comma: '،', open: '«', close: '»' },
  zh: { stop: '。', comma: '，', open: '“', close: '”' },
  fr: { stop: '.', comma: ',', open: '« ', close: ' »' },
};

const CONTENT_WORDS = 20_000;
const NAMES = 3_000;

function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}

function buildContent(language: Language, rng: Rng, count: number): string[] {
  const seen = new Set<string>(FUNCTION_WORDS[language]);
  const words: string[] = [];
  while (words.length < count) {
    let w: string;
    if (language === 'zh') {
      w = Array.from({ length: int(rng, 2, 4) }, () => HANZI.charAt(Math.floor(rng() * HANZI.length))).join('');
    } else {
      const syllables = SYLLABLES[language];
      w = Array.from({ length: int(rng, 2, 4) }, () => pick(rng, syllables)).join('');
    }
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

function buildVocabulary(language: Language): Vocabulary {
  const rng = rngFor('vocabulary', language);
  const functionWords = FUNCTION_WORDS[language];
  const content = buildContent(language, rng, CONTENT_WORDS);
  const names = buildContent(language, rng, NAMES).map((w) => (language === 'zh' || language === 'ar' ? w : capitalise(w)));
  // Content words rank below the function words, so even the commonest is about 1% of the text.
  const contentRank = zipf(content.length, 1.05, 60);
  const functionRank = zipf(Math.max(1, functionWords.length), 0.9);
  const nameRank = zipf(names.length, 0.9, 5);
  // About half of the running words of news text are function words.
  const functionShare = functionWords.length ? 0.45 : 0;
  const vocabulary: Vocabulary = {
    language,
    spaced: language !== 'zh',
    ...PUNCT[language],
    content: (r) => content[contentRank(r)] as string,
    word: (r) => (r() < functionShare ? (functionWords[functionRank(r)] as string) : vocabulary.content(r)),
    name: (r) => {
      const parts = r() < 0.3 ? 1 : r() < 0.85 ? 2 : 3;
      const picked = Array.from({ length: parts }, () => names[nameRank(r)] as string);
      return picked.join(language === 'zh' ? '' : ' ');
    },
  };
  return vocabulary;
}

const cache = new Map<Language, Vocabulary>();

export function vocabulary(language: Language): Vocabulary {
  let v = cache.get(language);
  if (!v) {
    v = buildVocabulary(language);
    cache.set(language, v);
  }
  return v;
}

/** Emoji as they arrive in pasted posts: single code points, skin tones, ZWJ sequences, flags. */
export const EMOJI = ['🔥', '🙏', '💔', '😡', '👍🏽', '🇺🇦', '🇷🇺', '🇵🇸', '🇮🇱', '🇸🇾', '👨‍👩‍👧', '🕊️', '⚠️', '📍', '🚀', '💥', '❤️'];
