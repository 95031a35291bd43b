export { UsersAdminScreen } from './users-admin-screen.js';
export { adminTexts } from './texts.js';
