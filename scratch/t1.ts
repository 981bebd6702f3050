import * as pulumi from "@pulumi/pulumi";
pulumi.runtime.setMocks({ newResource: (a) => ({ id: "x", state: a.inputs }), call: (a) => a.inputs }, "p", "s", false);
process.on("unhandledRejection", (r: any) => console.log("UNHANDLED", r?.message ?? r));
const base = pulumi.output(1);
const bad = base.apply((): number => { throw new Error("bad1"); });
const derived = bad.apply((x) => x + 1);
const viaPromise = base.apply(() => Promise.reject(new Error("bad2")));
setTimeout(() => console.log("done"), 200);
