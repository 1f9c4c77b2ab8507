import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
function s(n={}){let t=n.write??(r=>{process.stderr.write(r)}),o="",e=(r,i)=>t(`${o}${r}${i}
`);return{info:r=>e("",r),warn:r=>e("warning: ",r),error:r=>e("error: ",r),debug:r=>n.verbose?e("debug: ",r):void 0,async group(r,i){e("",`${r}`);let g=o;o+="  ";try{return await i()}finally{o=g}}}}var d={info(){},warn(){},error(){},debug(){},group:(n,t)=>t()};export{s as a,d as b};
