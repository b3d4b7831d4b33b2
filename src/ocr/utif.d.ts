// utif ships no types; the three calls decode.ts makes.
declare module 'utif' {
  interface Ifd {
    width: number;
    height: number;
    t282?: number[];
    t296?: number[];
  }
  const UTIF: {
    decode(b: ArrayBuffer | Uint8Array): Ifd[];
    decodeImage(b: ArrayBuffer | Uint8Array, ifd: Ifd): void;
    toRGBA8(ifd: Ifd): Uint8Array;
  };
  export default UTIF;
}
