/** Build-time facts. `process.env.TARO_ENV` and `API_BASE` are replaced by webpack's DefinePlugin. */
export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

/** Base URL of the server, without a trailing slash. '' on H5 means "same origin". */
export const apiBase: string = (typeof API_BASE === 'string' ? API_BASE : '').replace(/\/+$/, '');
