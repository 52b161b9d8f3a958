/** Vite turns `import x from './file.css?inline'` into the stylesheet's text. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
