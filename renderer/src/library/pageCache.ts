import { LIBRARY_PAGE_SIZE as PAGE_SIZE, type ListItem } from '../../../shared/ipc/contract';

export interface PageAnswer<T = ListItem> {
  items: T[];
  total: number;
  /** The total stopped counting there (a search's SEARCH_CAP): there are more. */
  capped?: boolean;
}

interface Page<T> {
  rows: T[];
  /** The library revision the page was loaded at; an older page is shown until its reload arrives. */
  revision: number;
}

/**
 * The pages of one query's results, loaded as they are asked for, each at the library revision it
 * was loaded at. An answer overtaken by a newer one (the query changed, or the library changed
 * and the page was asked for again) is dropped, so what is shown never goes back in time. The
 * library's articles by default; any paged list (the registry's entities) with its own row type.
 */
export class PageCache<T = ListItem> {
  total: number | null = null;
  capped = false;
  error: string | null = null;
  revision = 0;
  private pages = new Map<number, Page<T>>();
  private inFlight = new Map<number, number>();
  private generation = 0;
  /** The revision the total was counted at. */
  private totalRevision = -1;

  constructor(
    private fetchPage: (offset: number, limit: number) => Promise<PageAnswer<T>>,
    private changed: () => void,
    private pageSize: number = PAGE_SIZE,
  ) {}

  /** Starts over for a new query: nothing loaded, and the old query's answers still on their way are dropped. */
  reset(fetchPage: (offset: number, limit: number) => Promise<PageAnswer<T>>, pageSize = this.pageSize): void {
    this.fetchPage = fetchPage;
    this.pageSize = pageSize;
    this.generation++;
    this.pages = new Map();
    this.inFlight = new Map();
    this.totalRevision = -1;
  }

  load(page: number): void {
    const wanted = this.revision;
    const have = this.pages.get(page);
    if ((have && have.revision === wanted) || this.inFlight.get(page) === wanted) return;
    this.inFlight.set(page, wanted);
    const gen = this.generation;
    this.fetchPage(page * this.pageSize, this.pageSize)
      .then((result) => {
        if (gen !== this.generation) return;
        const shown = this.pages.get(page);
        if (shown && shown.revision > wanted) return;
        this.pages.set(page, { rows: result.items, revision: wanted });
        if (wanted >= this.totalRevision) {
          this.totalRevision = wanted;
          this.total = result.total;
          this.capped = result.capped === true;
        }
        this.error = null;
        this.changed();
      })
      .catch((err: Error) => {
        if (gen !== this.generation) return;
        this.error = err.message;
        this.changed();
      })
      .finally(() => {
        if (gen === this.generation && this.inFlight.get(page) === wanted) this.inFlight.delete(page);
      });
  }

  /** The row at `index`, or undefined while its page loads; a page loaded at an older revision is shown and asked for again. */
  itemAt(index: number): T | undefined {
    const page = Math.floor(index / this.pageSize);
    const loaded = this.pages.get(page);
    if (!loaded || loaded.revision !== this.revision) this.load(page);
    return loaded?.rows[index % this.pageSize];
  }
}
