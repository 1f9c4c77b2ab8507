import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
var e={maxAttempts:8,retryMode:"adaptive"};function r(t={}){return{...e,...t}}export{r as a};
