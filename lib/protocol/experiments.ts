/** Experiments (lib/experiments.ts holds their rules, lab-server/experiments.ts the controls). */
import type {
  ExperimentChange,
  ExperimentReply,
  ExperimentState,
  KickRequest,
} from '../experiments';

export interface ExperimentsClientEvents {
  'experiment:watch': (ack: (state: ExperimentState) => void) => void;
  'experiment:set': (msg: ExperimentChange, ack: (reply: ExperimentReply) => void) => void;
  'experiment:kick': (msg: KickRequest, ack: (reply: ExperimentReply) => void) => void;
  /** A fresh torrent of the same files; the reply comes once the seeder seeds it. */
  'experiment:round': (ack: (reply: ExperimentReply) => void) => void;
  'experiment:reset': (ack: (reply: ExperimentReply) => void) => void;
}

export interface ExperimentsServerEvents {
  'experiment:state': (state: ExperimentState) => void;
  /** Sent to one peer's page: the instructor removed it from the swarm. */
  'experiment:kicked': (message: string) => void;
}
