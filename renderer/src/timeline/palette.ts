/**
 * Colours for the pictures' series: Okabe and Ito's palette, chosen to stay apart under the common
 * colour-vision deficiencies (and without its black, which a dark theme would lose). Series past
 * the seventh share a neutral grey as "other", and every series is also named in the legend and
 * the table, so no colour carries meaning alone.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;
export const OTHER_COLOUR = '#8c8c8c';
