// The entry of the URL bundle: what the js command's prelude takes from whatwg-url.
export { URL, URLSearchParams } from 'whatwg-url';
