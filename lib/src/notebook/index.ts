/**
 * potmap/notebook: display and static rendering of figures and tables for notebooks
 * (tslab kernel) and scripts. Needs Chromium (playwright-core) for images; tslab only inside a
 * kernel. Kept apart from `potmap` so that the pure library never loads a browser.
 */
export { showFigure, showTable, renderTable, formatCell, inKernel, lastDisplayChannel, closeRenderer, PLOTLY_MIME } from "./display";
export type { ShowFigureOptions, ShowTableOptions, MimeBundle, DisplayChannel } from "./display";
export { renderFigure, serveRenders, launchChromium, chromiumExecutable, CHROMIUM_ARGS } from "./render";
export type { ImageFormat, RenderOptions, RenderedFigure, RenderService, ChromiumContext } from "./render";
