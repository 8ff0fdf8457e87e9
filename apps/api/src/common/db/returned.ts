export { returnedRows } from '../../database/sql';
