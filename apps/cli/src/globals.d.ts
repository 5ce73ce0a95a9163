declare const __FLYNN_VERSION__: string;
