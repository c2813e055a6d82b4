import { insertArticle } from '../store/articles';
import { insertAnnotation } from '../store/annotations';
import type { Db } from '../store/db';
import { importRegistry } from '../services/registry-import';
import { suggestLibrary } from '../services/suggest-job';

/** Three articles naming actors in Latin and Cyrillic script (and a flag emoji, which shifts UTF-16 offsets). */
export const REGISTRY_ARTICLES = {
  'a-kyiv.txt':
    "Kyiv talks\n\nVolodymyr Zelensky met Recep Tayyip Erdoğan in İstanbul on Monday. Zelenskyy thanked Turkey; Russian officials said nothing, and Russia's envoy left.",
  'b-kyiv-uk.txt': 'Київ\n\nЗеленський заявив, що Росія запустила дрони. Президент Зеленський подякував Туреччині. Російські медіа мовчали.',
  'c-ankara.txt': 'Ankara\n\nERDOGAN said Ukraine and Russia should talk. Russians protested; the Erdoğan government 🇹🇷 did not.',
};

export const REGISTRY_CSV = [
  'name,kind,actor_kind,aliases,external_ids,note',
  'Volodymyr Zelensky,actor,person,Zelenskyy|Зеленський|Zelensky,wikidata:Q3874799,President of Ukraine',
  'Recep Tayyip Erdoğan,actor,person,Erdoğan,wikidata:Q39723,',
  'Russia,actor,state,Росія,,',
  'Istanbul,place,,Стамбул,,',
].join('\n');

/**
 * The registry corpus in a store: articles, the registry from REGISTRY_CSV, every suggestion
 * accepted, and an event in the first article whose location is linked to Istanbul.
 */
export async function buildRegistryCorpus(db: Db): Promise<{ articleIds: string[] }> {
  const articleIds = Object.values(REGISTRY_ARTICLES).map(
    (text) => insertArticle(db, { title: text.slice(0, text.indexOf('\n')), source: 'test', url: null, author: null, publishedAt: null, language: null, text }).id,
  );
  const report = importRegistry(db, 'registry.csv', REGISTRY_CSV, 'tester');
  if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
  const first = REGISTRY_ARTICLES['a-kyiv.txt'];
  const at = first.indexOf('met');
  insertAnnotation(db, { articleId: articleIds[0] as string, label: 'event', start: at, end: first.indexOf(' on Monday'), quote: first.slice(at, first.indexOf(' on Monday')) });
  await suggestLibrary(db, { accept: true, author: 'tester' });
  return { articleIds };
}
