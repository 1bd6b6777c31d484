/** The CLI's refusal of an unsolved neutrality result, reachable from tests. */
export { refuseUnsolved as refuseUnsolvedForTest } from "../../lib/src/cli/main";
