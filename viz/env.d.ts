/// <reference types="vite/client" />
/** The package version, injected by vite.config.ts (it goes into every CSV export, as in the CLI's). */
declare const __CIRCLECAST_VERSION__: string;
