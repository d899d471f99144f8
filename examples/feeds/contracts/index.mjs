// The demo feeds of every demo contract other than the two Bradford ones, in manifest order.
import { writeCamdenFeeds } from './camden-whittington-liaison.mjs';
import { feedWriter } from './demo-data.mjs';
import { writeDevonFeeds } from './devon-perinatal.mjs';
import { writeHullLiaisonFeeds } from './hull-acute-liaison.mjs';
import { writeMusPilotFeeds } from './hull-mus-pilot.mjs';
import { writeLiftFeeds } from './lift-swindon-block.mjs';
import { writeOxfordInternalFeeds } from './oxford-internal-sla.mjs';
import { writeOxfordOutpatientFeeds } from './oxford-psych-medicine-activity.mjs';
import { writeOxfordSmiFeeds } from './oxford-smi-year-of-care.mjs';
import { writePennineFeeds } from './pennine-msk-prime.mjs';
import { writeSharedSavingsFeeds } from './shared-savings-mssp.mjs';
import { writeAllianceFeeds } from './south-london-diabetes-alliance.mjs';
import { writeSecureUnitFeeds } from './west-london-secure-block.mjs';
import { writeWestLondonCquinFeeds } from './west-london-smi-cquin.mjs';
import { writeWorkedExampleFeeds } from './worked-examples.mjs';

/** Writes the feeds into `feedsDir` and adds them to `manifest`. */
export function writeOtherContractFeeds(feedsDir, manifest) {
  const send = feedWriter(feedsDir, manifest);
  writeCamdenFeeds(send);
  writeDevonFeeds(send);
  writeHullLiaisonFeeds(send);
  writeMusPilotFeeds(send);
  writeLiftFeeds(send);
  writeOxfordInternalFeeds(send);
  writeOxfordOutpatientFeeds(send);
  writeOxfordSmiFeeds(send);
  writePennineFeeds(send);
  writeSharedSavingsFeeds(send);
  writeAllianceFeeds(send);
  writeSecureUnitFeeds(send);
  writeWestLondonCquinFeeds(send);
  writeWorkedExampleFeeds(send);
}
