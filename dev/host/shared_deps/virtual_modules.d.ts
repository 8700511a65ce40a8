/* Modules the host's bundler generates (see build_app.ts). */
declare module 'virtual:eui-icons';
