// Type check of the published types (npm run typecheck, after a build).
import { render, type RenderResponse } from "../dist/index.js";

const shown: Promise<Element | null> = render({ server: "https://thankyou.example", token: "t", target: "#thank-you" });
const html: string = ({} as RenderResponse).html;
void shown;
void html;
