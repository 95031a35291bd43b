// The signatures feature's public face: other features import only from here.
export { CustomerSignature } from './customer-signature.js';
export { SignaturePad, type SignatureCapture } from './signature-pad.js';
export {
  signCheckIn,
  useBlobUrl,
  useCheckInSignatureStatus,
  useCheckInSignatureValid,
  useLatestSignature,
  useOnServer,
  useSignatures,
  type SignatureAuthor,
  type SignatureStatus,
  type SignCheckInInput,
} from './data.js';
export { checkInSignatureBlocker, latestSignature, shortHash } from './signature-rules.js';
export { fitStrokesToLimits, normaliseStrokes, type NormalisedStroke } from './strokes.js';
export { signatureTexts } from './texts.js';
