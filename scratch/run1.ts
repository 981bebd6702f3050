import { runProgram } from "../test/engine/harness";
const [program, mode, cpu] = process.argv.slice(2);
runProgram({ program, mode: mode as "preview" | "up", cpuLimitMs: Number(cpu ?? 60000) }).then((run) => {
  console.log(run.summary());
  console.log("errors:", run.messages("error"));
});
