import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
var r=["mlflow","sagemaker","cloudwatch"],t=e=>e.filter(n=>!n.bookkeeping);export{r as a,t as b};
