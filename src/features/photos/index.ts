/** The photos feature's public parts: other features import from here only. */
export { PhotoPicker, type PhotoPickerProps } from './photo-picker.js';
export { PhotoThumbnails } from './photo-thumbnails.js';
export { UploadProgress } from './upload-progress.js';
export {
  addPhoto,
  usePhotos,
  type AddPhotoOptions,
  type PhotoAuthor,
  type PhotoSubject,
  type PhotoTarget,
} from './data.js';
export { loadPhotoBlob, usePhotoUrl, type PhotoUrlState } from './photo-source.js';
export { reducePhoto, type ReducedPhoto } from './reduce-photo.js';
export { PhotoReductionError } from './reduction-steps.js';
export { photoTexts } from './texts.js';
