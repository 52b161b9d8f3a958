/** Shared with the DevTools panel: it lives in src/ui/. */
export { Quoted } from '../../ui/Quoted';
