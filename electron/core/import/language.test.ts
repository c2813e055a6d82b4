import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

const REPORTS: Record<string, string> = {
  en: 'Russia launched 188 drones at Ukraine overnight, the air force said on Tuesday, and around 80 of them were shot down over several regions.',
  ru: 'Россия запустила по Украине ночью 188 беспилотников, сообщили во вторник военно-воздушные силы, около восьмидесяти из них были сбиты.',
  uk: 'Росія запустила по Україні вночі 188 безпілотників, повідомили у вівторок повітряні сили, близько вісімдесяти з них було збито над областями.',
  ar: 'أطلقت روسيا مئة وثمانية وثمانين طائرة مسيرة على أوكرانيا خلال الليل، وقالت القوات الجوية إنه تم إسقاط نحو ثمانين منها فوق عدة مناطق.',
  fr: "La Russie a lancé 188 drones sur l'Ukraine pendant la nuit, a indiqué mardi l'armée de l'air, et environ quatre-vingts ont été abattus.",
};

describe('detectLanguage', () => {
  for (const [tag, text] of Object.entries(REPORTS)) {
    it(`tells ${tag} from a sentence of a report`, () => {
      expect(detectLanguage(text)).toBe(tag);
    });
  }

  it('tells Russian from Ukrainian, which share most of their letters', () => {
    expect(detectLanguage(REPORTS.ru!)).not.toBe(detectLanguage(REPORTS.uk!));
  });

  it('leaves a text too short to tell unset', () => {
    expect(detectLanguage('Harbour fire')).toBeNull();
    expect(detectLanguage('188 — 76 — 80 (2024-11-26) 12:00')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });

  it('reads only the start of a long text, and in little time', () => {
    const long = `${REPORTS.uk!} `.repeat(400_000);
    const started = performance.now();
    expect(detectLanguage(long)).toBe('uk');
    // Far more than the sample takes, far less than reading 50 MB would.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
