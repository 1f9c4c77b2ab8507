/** bottleneck's build without clustering (what @octokit/plugin-throttling loads) has the full build's types. */
declare module "bottleneck/light.js" {
  import Bottleneck from "bottleneck";
  export default Bottleneck;
}
