import * as pulumi from "@pulumi/pulumi";
import { installMocks } from "../test/support/mocks";
installMocks();
const o = pulumi.output(1).apply(() => ({ a: pulumi.secret("x"), b: "y" }));
pulumi.runtime.serializeProperties("t", { metadata: o }).then((r) => console.log(JSON.stringify(r)));
