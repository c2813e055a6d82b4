/**
 * A news report written for the tests with what pasted articles carry: one paragraph per line, an
 * embedded post's words with its media link and signature line ("— Name / Name (@handle) Month D,
 * YYYY", the only place the article says who posted them), an "ALSO READ" teaser, Cyrillic and
 * curly quotes, and two figures that disagree.
 */
export const EMBEDDED_POST_ARTICLE = [
  'Officials in Kharkiv on Monday reported a night of drone attacks on the city’s northern districts, the third such night this week.',
  'The regional administration said power was restored to most homes by morning, while repairs to a substation continued.',
  'Overnight, the enemy launched 64 drones at our cities. Our air defence shot down 52 of them. Thank you to everyone who kept the lights on.',
  'Repairs continue… pic.twitter.com/Ab12Cd34Ef',
  '— Oleh Synyehubov / Олег Синєгубов (@synegubov) March 3, 2025',
  'City officials later put the number of drones shot down at 48, citing “preliminary data”.',
  'ALSO READ: Floods close mountain roads for a second day',
  'Residents of Saltivka told reporters that sirens sounded for more than five hours.',
].join('\n');

export const SIGNATURE_LINE = '— Oleh Synyehubov / Олег Синєгубов (@synegubov) March 3, 2025';
