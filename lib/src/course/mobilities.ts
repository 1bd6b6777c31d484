/**
 * The mobilities the course assumes for its electronic-versus-ionic criterion (notebook 03b).
 * They are assumptions, stated: the model computes densities, not mobilities. Electrons and holes:
 * 1 cm^2/(V s), a low band mobility for a wide-gap solid. Li defects: 1e-6 cm^2/(V s), i.e.
 * D = mu kT/e of about 2.6e-8 cm^2/s at 300 K (Nernst-Einstein), a typical vacancy/interstitial
 * diffusivity in a fast Li conductor at room temperature. The ratio sigma_e/sigma_ion scales with
 * mu_e/mu_ion, so a reader who prefers other values shifts every log10 ratio by the same amount.
 */
import { AssumedMobilities } from "./brouwer";

export const courseMobilities: AssumedMobilities = {
  electrons: 1,
  holes: 1,
  lithiumDefects: 1e-6,
  source: "assumed (notebook 03b): band carriers 1 cm2/(V s); Li defects 1e-6 cm2/(V s), D ~ 2.6e-8 cm2/s at 300 K",
};
