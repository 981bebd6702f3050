import * as pulumi from "@pulumi/pulumi";
pulumi.runtime.setMocks({ newResource: (a) => ({ id: "x", state: a.inputs }), call: (a) => a.inputs }, "p", "s", true);
const u = pulumi.output(pulumi.unknown as unknown as string);
u.apply((v) => console.log("applied", v));
pulumi.output({ a: "x", b: u }).apply((v) => console.log("applied2", v));
pulumi.isSecret(u).then((s) => console.log("isSecret", s));
(u as any).isKnown.then((k: boolean) => console.log("known", k));
