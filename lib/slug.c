/*
 * slug.c - the slug of an evidence item's file name, made from its title.
 *
 * SPEC 2.1: the slug is the title transliterated to ASCII, so that
 * "Café with Siân & Łukasz" is cafe-with-sian-lukasz, not caf-with-si-n:
 * Latin letters lose their accents, Greek and Cyrillic are spelt out in
 * Latin letters (a generated table), combining accents vanish, and every
 * other run of characters is one dash.  A title with nothing left (emoji
 * only, or a script with no table here) is named from its characters
 * ("party", or u4e2d-u6587), never "item", so that two such items of one
 * day are told apart by name rather than by -2.
 */
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

#define SLUG_MAX	50
/* Characters named in the fallback of a title with no letter left. */
#define FALLBACK_MAX	3

/* Generated from Unicode data: letters with their ASCII spelling. */
static const struct translit { unsigned cp; const char *ascii; } translit[] = {
	{ 0xc0, "a" }, { 0xc1, "a" }, { 0xc2, "a" }, { 0xc3, "a" }, { 0xc4, "a" },
	{ 0xc5, "a" }, { 0xc6, "ae" }, { 0xc7, "c" }, { 0xc8, "e" }, { 0xc9, "e" },
	{ 0xca, "e" }, { 0xcb, "e" }, { 0xcc, "i" }, { 0xcd, "i" }, { 0xce, "i" },
	{ 0xcf, "i" }, { 0xd0, "d" }, { 0xd1, "n" }, { 0xd2, "o" }, { 0xd3, "o" },
	{ 0xd4, "o" }, { 0xd5, "o" }, { 0xd6, "o" }, { 0xd8, "o" }, { 0xd9, "u" },
	{ 0xda, "u" }, { 0xdb, "u" }, { 0xdc, "u" }, { 0xdd, "y" }, { 0xde, "th" },
	{ 0xdf, "ss" }, { 0xe0, "a" }, { 0xe1, "a" }, { 0xe2, "a" }, { 0xe3, "a" },
	{ 0xe4, "a" }, { 0xe5, "a" }, { 0xe6, "ae" }, { 0xe7, "c" }, { 0xe8, "e" },
	{ 0xe9, "e" }, { 0xea, "e" }, { 0xeb, "e" }, { 0xec, "i" }, { 0xed, "i" },
	{ 0xee, "i" }, { 0xef, "i" }, { 0xf0, "d" }, { 0xf1, "n" }, { 0xf2, "o" },
	{ 0xf3, "o" }, { 0xf4, "o" }, { 0xf5, "o" }, { 0xf6, "o" }, { 0xf8, "o" },
	{ 0xf9, "u" }, { 0xfa, "u" }, { 0xfb, "u" }, { 0xfc, "u" }, { 0xfd, "y" },
	{ 0xfe, "th" }, { 0xff, "y" }, { 0x100, "a" }, { 0x101, "a" }, { 0x102, "a" },
	{ 0x103, "a" }, { 0x104, "a" }, { 0x105, "a" }, { 0x106, "c" }, { 0x107, "c" },
	{ 0x108, "c" }, { 0x109, "c" }, { 0x10a, "c" }, { 0x10b, "c" }, { 0x10c, "c" },
	{ 0x10d, "c" }, { 0x10e, "d" }, { 0x10f, "d" }, { 0x110, "d" }, { 0x111, "d" },
	{ 0x112, "e" }, { 0x113, "e" }, { 0x114, "e" }, { 0x115, "e" }, { 0x116, "e" },
	{ 0x117, "e" }, { 0x118, "e" }, { 0x119, "e" }, { 0x11a, "e" }, { 0x11b, "e" },
	{ 0x11c, "g" }, { 0x11d, "g" }, { 0x11e, "g" }, { 0x11f, "g" }, { 0x120, "g" },
	{ 0x121, "g" }, { 0x122, "g" }, { 0x123, "g" }, { 0x124, "h" }, { 0x125, "h" },
	{ 0x126, "h" }, { 0x127, "h" }, { 0x128, "i" }, { 0x129, "i" }, { 0x12a, "i" },
	{ 0x12b, "i" }, { 0x12c, "i" }, { 0x12d, "i" }, { 0x12e, "i" }, { 0x12f, "i" },
	{ 0x130, "i" }, { 0x131, "i" }, { 0x132, "ij" }, { 0x133, "ij" }, { 0x134, "j" },
	{ 0x135, "j" }, { 0x136, "k" }, { 0x137, "k" }, { 0x138, "k" }, { 0x139, "l" },
	{ 0x13a, "l" }, { 0x13b, "l" }, { 0x13c, "l" }, { 0x13d, "l" }, { 0x13e, "l" },
	{ 0x141, "l" }, { 0x142, "l" }, { 0x143, "n" }, { 0x144, "n" }, { 0x145, "n" },
	{ 0x146, "n" }, { 0x147, "n" }, { 0x148, "n" }, { 0x149, "n" }, { 0x14a, "ng" },
	{ 0x14b, "ng" }, { 0x14c, "o" }, { 0x14d, "o" }, { 0x14e, "o" }, { 0x14f, "o" },
	{ 0x150, "o" }, { 0x151, "o" }, { 0x152, "oe" }, { 0x153, "oe" }, { 0x154, "r" },
	{ 0x155, "r" }, { 0x156, "r" }, { 0x157, "r" }, { 0x158, "r" }, { 0x159, "r" },
	{ 0x15a, "s" }, { 0x15b, "s" }, { 0x15c, "s" }, { 0x15d, "s" }, { 0x15e, "s" },
	{ 0x15f, "s" }, { 0x160, "s" }, { 0x161, "s" }, { 0x162, "t" }, { 0x163, "t" },
	{ 0x164, "t" }, { 0x165, "t" }, { 0x166, "t" }, { 0x167, "t" }, { 0x168, "u" },
	{ 0x169, "u" }, { 0x16a, "u" }, { 0x16b, "u" }, { 0x16c, "u" }, { 0x16d, "u" },
	{ 0x16e, "u" }, { 0x16f, "u" }, { 0x170, "u" }, { 0x171, "u" }, { 0x172, "u" },
	{ 0x173, "u" }, { 0x174, "w" }, { 0x175, "w" }, { 0x176, "y" }, { 0x177, "y" },
	{ 0x178, "y" }, { 0x179, "z" }, { 0x17a, "z" }, { 0x17b, "z" }, { 0x17c, "z" },
	{ 0x17d, "z" }, { 0x17e, "z" }, { 0x17f, "s" }, { 0x18f, "e" }, { 0x192, "f" },
	{ 0x1a0, "o" }, { 0x1a1, "o" }, { 0x1af, "u" }, { 0x1b0, "u" }, { 0x1c4, "dz" },
	{ 0x1c5, "dz" }, { 0x1c6, "dz" }, { 0x1c7, "lj" }, { 0x1c8, "lj" }, { 0x1c9, "lj" },
	{ 0x1ca, "nj" }, { 0x1cb, "nj" }, { 0x1cc, "nj" }, { 0x1cd, "a" }, { 0x1ce, "a" },
	{ 0x1cf, "i" }, { 0x1d0, "i" }, { 0x1d1, "o" }, { 0x1d2, "o" }, { 0x1d3, "u" },
	{ 0x1d4, "u" }, { 0x1d5, "u" }, { 0x1d6, "u" }, { 0x1d7, "u" }, { 0x1d8, "u" },
	{ 0x1d9, "u" }, { 0x1da, "u" }, { 0x1db, "u" }, { 0x1dc, "u" }, { 0x1dd, "e" },
	{ 0x1de, "a" }, { 0x1df, "a" }, { 0x1e0, "a" }, { 0x1e1, "a" }, { 0x1e6, "g" },
	{ 0x1e7, "g" }, { 0x1e8, "k" }, { 0x1e9, "k" }, { 0x1ea, "o" }, { 0x1eb, "o" },
	{ 0x1ec, "o" }, { 0x1ed, "o" }, { 0x1f0, "j" }, { 0x1f1, "dz" }, { 0x1f2, "dz" },
	{ 0x1f3, "dz" }, { 0x1f4, "g" }, { 0x1f5, "g" }, { 0x1f8, "n" }, { 0x1f9, "n" },
	{ 0x1fa, "a" }, { 0x1fb, "a" }, { 0x200, "a" }, { 0x201, "a" }, { 0x202, "a" },
	{ 0x203, "a" }, { 0x204, "e" }, { 0x205, "e" }, { 0x206, "e" }, { 0x207, "e" },
	{ 0x208, "i" }, { 0x209, "i" }, { 0x20a, "i" }, { 0x20b, "i" }, { 0x20c, "o" },
	{ 0x20d, "o" }, { 0x20e, "o" }, { 0x20f, "o" }, { 0x210, "r" }, { 0x211, "r" },
	{ 0x212, "r" }, { 0x213, "r" }, { 0x214, "u" }, { 0x215, "u" }, { 0x216, "u" },
	{ 0x217, "u" }, { 0x218, "s" }, { 0x219, "s" }, { 0x21a, "t" }, { 0x21b, "t" },
	{ 0x21e, "h" }, { 0x21f, "h" }, { 0x226, "a" }, { 0x227, "a" }, { 0x228, "e" },
	{ 0x229, "e" }, { 0x22a, "o" }, { 0x22b, "o" }, { 0x22c, "o" }, { 0x22d, "o" },
	{ 0x22e, "o" }, { 0x22f, "o" }, { 0x230, "o" }, { 0x231, "o" }, { 0x232, "y" },
	{ 0x233, "y" }, { 0x386, "a" }, { 0x388, "e" }, { 0x389, "i" }, { 0x38a, "i" },
	{ 0x38c, "o" }, { 0x38e, "y" }, { 0x38f, "o" }, { 0x390, "i" }, { 0x391, "a" },
	{ 0x392, "v" }, { 0x393, "g" }, { 0x394, "d" }, { 0x395, "e" }, { 0x396, "z" },
	{ 0x397, "i" }, { 0x398, "th" }, { 0x399, "i" }, { 0x39a, "k" }, { 0x39b, "l" },
	{ 0x39c, "m" }, { 0x39d, "n" }, { 0x39e, "x" }, { 0x39f, "o" }, { 0x3a0, "p" },
	{ 0x3a1, "r" }, { 0x3a3, "s" }, { 0x3a4, "t" }, { 0x3a5, "y" }, { 0x3a6, "f" },
	{ 0x3a7, "ch" }, { 0x3a8, "ps" }, { 0x3a9, "o" }, { 0x3aa, "i" }, { 0x3ab, "y" },
	{ 0x3ac, "a" }, { 0x3ad, "e" }, { 0x3ae, "i" }, { 0x3af, "i" }, { 0x3b0, "y" },
	{ 0x3b1, "a" }, { 0x3b2, "v" }, { 0x3b3, "g" }, { 0x3b4, "d" }, { 0x3b5, "e" },
	{ 0x3b6, "z" }, { 0x3b7, "i" }, { 0x3b8, "th" }, { 0x3b9, "i" }, { 0x3ba, "k" },
	{ 0x3bb, "l" }, { 0x3bc, "m" }, { 0x3bd, "n" }, { 0x3be, "x" }, { 0x3bf, "o" },
	{ 0x3c0, "p" }, { 0x3c1, "r" }, { 0x3c2, "s" }, { 0x3c3, "s" }, { 0x3c4, "t" },
	{ 0x3c5, "y" }, { 0x3c6, "f" }, { 0x3c7, "ch" }, { 0x3c8, "ps" }, { 0x3c9, "o" },
	{ 0x3ca, "i" }, { 0x3cb, "y" }, { 0x3cc, "o" }, { 0x3cd, "y" }, { 0x3ce, "o" },
	{ 0x3f4, "th" }, { 0x400, "e" }, { 0x401, "yo" }, { 0x403, "g" }, { 0x404, "ye" },
	{ 0x406, "i" }, { 0x407, "yi" }, { 0x40c, "k" }, { 0x40d, "i" }, { 0x40e, "u" },
	{ 0x410, "a" }, { 0x411, "b" }, { 0x412, "v" }, { 0x413, "g" }, { 0x414, "d" },
	{ 0x415, "e" }, { 0x416, "zh" }, { 0x417, "z" }, { 0x418, "i" }, { 0x419, "y" },
	{ 0x41a, "k" }, { 0x41b, "l" }, { 0x41c, "m" }, { 0x41d, "n" }, { 0x41e, "o" },
	{ 0x41f, "p" }, { 0x420, "r" }, { 0x421, "s" }, { 0x422, "t" }, { 0x423, "u" },
	{ 0x424, "f" }, { 0x425, "kh" }, { 0x426, "ts" }, { 0x427, "ch" }, { 0x428, "sh" },
	{ 0x429, "shch" }, { 0x42a, "" }, { 0x42b, "y" }, { 0x42c, "" }, { 0x42d, "e" },
	{ 0x42e, "yu" }, { 0x42f, "ya" }, { 0x430, "a" }, { 0x431, "b" }, { 0x432, "v" },
	{ 0x433, "g" }, { 0x434, "d" }, { 0x435, "e" }, { 0x436, "zh" }, { 0x437, "z" },
	{ 0x438, "i" }, { 0x439, "y" }, { 0x43a, "k" }, { 0x43b, "l" }, { 0x43c, "m" },
	{ 0x43d, "n" }, { 0x43e, "o" }, { 0x43f, "p" }, { 0x440, "r" }, { 0x441, "s" },
	{ 0x442, "t" }, { 0x443, "u" }, { 0x444, "f" }, { 0x445, "kh" }, { 0x446, "ts" },
	{ 0x447, "ch" }, { 0x448, "sh" }, { 0x449, "shch" }, { 0x44a, "" }, { 0x44b, "y" },
	{ 0x44c, "" }, { 0x44d, "e" }, { 0x44e, "yu" }, { 0x44f, "ya" }, { 0x450, "e" },
	{ 0x451, "yo" }, { 0x453, "g" }, { 0x454, "ye" }, { 0x456, "i" }, { 0x457, "yi" },
	{ 0x45c, "k" }, { 0x45d, "i" }, { 0x45e, "u" }, { 0x490, "g" }, { 0x491, "g" },
	{ 0x4c1, "zh" }, { 0x4c2, "zh" }, { 0x4d0, "a" }, { 0x4d1, "a" }, { 0x4d2, "a" },
	{ 0x4d3, "a" }, { 0x4d6, "e" }, { 0x4d7, "e" }, { 0x4dc, "zh" }, { 0x4dd, "zh" },
	{ 0x4de, "z" }, { 0x4df, "z" }, { 0x4e2, "i" }, { 0x4e3, "i" }, { 0x4e4, "i" },
	{ 0x4e5, "i" }, { 0x4e6, "o" }, { 0x4e7, "o" }, { 0x4ec, "e" }, { 0x4ed, "e" },
	{ 0x4ee, "u" }, { 0x4ef, "u" }, { 0x4f0, "u" }, { 0x4f1, "u" }, { 0x4f2, "u" },
	{ 0x4f3, "u" }, { 0x4f4, "ch" }, { 0x4f5, "ch" }, { 0x4f8, "y" }, { 0x4f9, "y" },
	{ 0x1e00, "a" }, { 0x1e01, "a" }, { 0x1e02, "b" }, { 0x1e03, "b" }, { 0x1e04, "b" },
	{ 0x1e05, "b" }, { 0x1e06, "b" }, { 0x1e07, "b" }, { 0x1e08, "c" }, { 0x1e09, "c" },
	{ 0x1e0a, "d" }, { 0x1e0b, "d" }, { 0x1e0c, "d" }, { 0x1e0d, "d" }, { 0x1e0e, "d" },
	{ 0x1e0f, "d" }, { 0x1e10, "d" }, { 0x1e11, "d" }, { 0x1e12, "d" }, { 0x1e13, "d" },
	{ 0x1e14, "e" }, { 0x1e15, "e" }, { 0x1e16, "e" }, { 0x1e17, "e" }, { 0x1e18, "e" },
	{ 0x1e19, "e" }, { 0x1e1a, "e" }, { 0x1e1b, "e" }, { 0x1e1c, "e" }, { 0x1e1d, "e" },
	{ 0x1e1e, "f" }, { 0x1e1f, "f" }, { 0x1e20, "g" }, { 0x1e21, "g" }, { 0x1e22, "h" },
	{ 0x1e23, "h" }, { 0x1e24, "h" }, { 0x1e25, "h" }, { 0x1e26, "h" }, { 0x1e27, "h" },
	{ 0x1e28, "h" }, { 0x1e29, "h" }, { 0x1e2a, "h" }, { 0x1e2b, "h" }, { 0x1e2c, "i" },
	{ 0x1e2d, "i" }, { 0x1e2e, "i" }, { 0x1e2f, "i" }, { 0x1e30, "k" }, { 0x1e31, "k" },
	{ 0x1e32, "k" }, { 0x1e33, "k" }, { 0x1e34, "k" }, { 0x1e35, "k" }, { 0x1e36, "l" },
	{ 0x1e37, "l" }, { 0x1e38, "l" }, { 0x1e39, "l" }, { 0x1e3a, "l" }, { 0x1e3b, "l" },
	{ 0x1e3c, "l" }, { 0x1e3d, "l" }, { 0x1e3e, "m" }, { 0x1e3f, "m" }, { 0x1e40, "m" },
	{ 0x1e41, "m" }, { 0x1e42, "m" }, { 0x1e43, "m" }, { 0x1e44, "n" }, { 0x1e45, "n" },
	{ 0x1e46, "n" }, { 0x1e47, "n" }, { 0x1e48, "n" }, { 0x1e49, "n" }, { 0x1e4a, "n" },
	{ 0x1e4b, "n" }, { 0x1e4c, "o" }, { 0x1e4d, "o" }, { 0x1e4e, "o" }, { 0x1e4f, "o" },
	{ 0x1e50, "o" }, { 0x1e51, "o" }, { 0x1e52, "o" }, { 0x1e53, "o" }, { 0x1e54, "p" },
	{ 0x1e55, "p" }, { 0x1e56, "p" }, { 0x1e57, "p" }, { 0x1e58, "r" }, { 0x1e59, "r" },
	{ 0x1e5a, "r" }, { 0x1e5b, "r" }, { 0x1e5c, "r" }, { 0x1e5d, "r" }, { 0x1e5e, "r" },
	{ 0x1e5f, "r" }, { 0x1e60, "s" }, { 0x1e61, "s" }, { 0x1e62, "s" }, { 0x1e63, "s" },
	{ 0x1e64, "s" }, { 0x1e65, "s" }, { 0x1e66, "s" }, { 0x1e67, "s" }, { 0x1e68, "s" },
	{ 0x1e69, "s" }, { 0x1e6a, "t" }, { 0x1e6b, "t" }, { 0x1e6c, "t" }, { 0x1e6d, "t" },
	{ 0x1e6e, "t" }, { 0x1e6f, "t" }, { 0x1e70, "t" }, { 0x1e71, "t" }, { 0x1e72, "u" },
	{ 0x1e73, "u" }, { 0x1e74, "u" }, { 0x1e75, "u" }, { 0x1e76, "u" }, { 0x1e77, "u" },
	{ 0x1e78, "u" }, { 0x1e79, "u" }, { 0x1e7a, "u" }, { 0x1e7b, "u" }, { 0x1e7c, "v" },
	{ 0x1e7d, "v" }, { 0x1e7e, "v" }, { 0x1e7f, "v" }, { 0x1e80, "w" }, { 0x1e81, "w" },
	{ 0x1e82, "w" }, { 0x1e83, "w" }, { 0x1e84, "w" }, { 0x1e85, "w" }, { 0x1e86, "w" },
	{ 0x1e87, "w" }, { 0x1e88, "w" }, { 0x1e89, "w" }, { 0x1e8a, "x" }, { 0x1e8b, "x" },
	{ 0x1e8c, "x" }, { 0x1e8d, "x" }, { 0x1e8e, "y" }, { 0x1e8f, "y" }, { 0x1e90, "z" },
	{ 0x1e91, "z" }, { 0x1e92, "z" }, { 0x1e93, "z" }, { 0x1e94, "z" }, { 0x1e95, "z" },
	{ 0x1e96, "h" }, { 0x1e97, "t" }, { 0x1e98, "w" }, { 0x1e99, "y" }, { 0x1e9b, "s" },
	{ 0x1ea0, "a" }, { 0x1ea1, "a" }, { 0x1ea2, "a" }, { 0x1ea3, "a" }, { 0x1ea4, "a" },
	{ 0x1ea5, "a" }, { 0x1ea6, "a" }, { 0x1ea7, "a" }, { 0x1ea8, "a" }, { 0x1ea9, "a" },
	{ 0x1eaa, "a" }, { 0x1eab, "a" }, { 0x1eac, "a" }, { 0x1ead, "a" }, { 0x1eae, "a" },
	{ 0x1eaf, "a" }, { 0x1eb0, "a" }, { 0x1eb1, "a" }, { 0x1eb2, "a" }, { 0x1eb3, "a" },
	{ 0x1eb4, "a" }, { 0x1eb5, "a" }, { 0x1eb6, "a" }, { 0x1eb7, "a" }, { 0x1eb8, "e" },
	{ 0x1eb9, "e" }, { 0x1eba, "e" }, { 0x1ebb, "e" }, { 0x1ebc, "e" }, { 0x1ebd, "e" },
	{ 0x1ebe, "e" }, { 0x1ebf, "e" }, { 0x1ec0, "e" }, { 0x1ec1, "e" }, { 0x1ec2, "e" },
	{ 0x1ec3, "e" }, { 0x1ec4, "e" }, { 0x1ec5, "e" }, { 0x1ec6, "e" }, { 0x1ec7, "e" },
	{ 0x1ec8, "i" }, { 0x1ec9, "i" }, { 0x1eca, "i" }, { 0x1ecb, "i" }, { 0x1ecc, "o" },
	{ 0x1ecd, "o" }, { 0x1ece, "o" }, { 0x1ecf, "o" }, { 0x1ed0, "o" }, { 0x1ed1, "o" },
	{ 0x1ed2, "o" }, { 0x1ed3, "o" }, { 0x1ed4, "o" }, { 0x1ed5, "o" }, { 0x1ed6, "o" },
	{ 0x1ed7, "o" }, { 0x1ed8, "o" }, { 0x1ed9, "o" }, { 0x1eda, "o" }, { 0x1edb, "o" },
	{ 0x1edc, "o" }, { 0x1edd, "o" }, { 0x1ede, "o" }, { 0x1edf, "o" }, { 0x1ee0, "o" },
	{ 0x1ee1, "o" }, { 0x1ee2, "o" }, { 0x1ee3, "o" }, { 0x1ee4, "u" }, { 0x1ee5, "u" },
	{ 0x1ee6, "u" }, { 0x1ee7, "u" }, { 0x1ee8, "u" }, { 0x1ee9, "u" }, { 0x1eea, "u" },
	{ 0x1eeb, "u" }, { 0x1eec, "u" }, { 0x1eed, "u" }, { 0x1eee, "u" }, { 0x1eef, "u" },
	{ 0x1ef0, "u" }, { 0x1ef1, "u" }, { 0x1ef2, "y" }, { 0x1ef3, "y" }, { 0x1ef4, "y" },
	{ 0x1ef5, "y" }, { 0x1ef6, "y" }, { 0x1ef7, "y" }, { 0x1ef8, "y" }, { 0x1ef9, "y" },
};

#define NTRANSLIT (sizeof translit / sizeof translit[0])

/* A few emoji people put in titles, by name. */
static const struct translit emoji[] = {
	{ 0x2705, "check" }, { 0x2764, "heart" }, { 0x2b50, "star" }, { 0x1f30d, "globe" },
	{ 0x1f31f, "star" }, { 0x1f389, "party" }, { 0x1f393, "graduation" },
	{ 0x1f3a8, "art" }, { 0x1f3b5, "music" }, { 0x1f3eb, "school" },
	{ 0x1f44d, "thumbs-up" }, { 0x1f44f, "clap" }, { 0x1f4a1, "idea" },
	{ 0x1f4c8, "chart" }, { 0x1f4da, "books" }, { 0x1f4dd, "memo" },
	{ 0x1f600, "grin" }, { 0x1f642, "smile" }, { 0x1f680, "rocket" },
	{ 0x1f9ea, "test-tube" },
};

static int
is_ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Combining marks: an accent written apart from its letter adds nothing. */
static int
is_combining(unsigned long cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe20 && cp <= 0xfe2f) || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/*
 * The code point of the UTF-8 sequence at p; *len its length.  Titles
 * are checked as UTF-8 before they get here, but a bad sequence is still
 * taken one byte at a time (as U+FFFD), never read past its end.
 */
static unsigned long
utf8_decode(const unsigned char *p, size_t *len)
{
	size_t n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 1;
	unsigned long cp = n == 4 ? p[0] & 0x07UL : n == 3 ? p[0] & 0x0fUL : p[0] & 0x1fUL;

	*len = 1;
	if (n == 1 || p[0] > 0xf4)
		return 0xfffd;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0xfffd;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*len = n;
	return cp;
}

static const char *
lookup(const struct translit *t, size_t n, unsigned long cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].cp == cp)
			return t[mid].ascii;
		if (t[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append a word to the slug, after one dash when a separator came before. */
static void
add_word(struct lp_buf *b, const char *w, int *dash)
{
	if (!*w)
		return;	/* ъ and ь are spelt as nothing, and separate nothing */
	if (*dash && b->len)
		lp_buf_addc(b, '-');
	*dash = 0;
	lp_buf_adds(b, w);
}

/* At most SLUG_MAX bytes, cut at a dash when one falls in the last third; no dash at the end. */
static void
trim(struct lp_buf *b)
{
	if (b->len > SLUG_MAX) {
		size_t cut = SLUG_MAX;

		for (size_t i = SLUG_MAX; i > SLUG_MAX * 2 / 3; i--)
			if (b->data[i] == '-') {
				cut = i;
				break;
			}
		b->len = cut;
		b->data[cut] = '\0';
	}
	while (b->len > 0 && b->data[b->len - 1] == '-')
		b->data[--b->len] = '\0';
}

char *
lp_slug(const char *title)
{
	const unsigned char *p = (const unsigned char *)(title ? title : "");
	struct lp_buf b = {0}, fallback = {0};
	int dash = 0, fdash = 0, named = 0;

	while (*p) {
		size_t len = 1;
		unsigned long cp;
		const char *ascii;
		char one[2] = { 0, 0 };

		if (is_ascii_alnum(*p)) {
			one[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			add_word(&b, one, &dash);
		} else if (*p < 0x80) {
			dash = 1;
		} else if (is_combining(cp = utf8_decode(p, &len))) {
			;
		} else if ((ascii = lookup(translit, NTRANSLIT, cp))) {
			add_word(&b, ascii, &dash);
		} else {
			dash = 1;
			/* Kept aside in case no letter is left at all. */
			if (named < FALLBACK_MAX) {
				const char *name = lookup(emoji, sizeof emoji / sizeof emoji[0], cp);
				char hex[16];

				if (!name) {
					snprintf(hex, sizeof hex, "u%lx", cp);
					name = hex;
				}
				fdash = fallback.len > 0;
				add_word(&fallback, name, &fdash);
				named++;
			}
		}
		p += len;
	}
	trim(&b);
	if (b.len == 0) {
		lp_buf_free(&b);
		b = fallback;
		fallback = (struct lp_buf){0};
		trim(&b);
	}
	lp_buf_free(&fallback);
	if (b.len == 0)
		lp_buf_adds(&b, "item");
	return lp_buf_detach(&b);
}

/* A slug as lp_slug makes them: [a-z0-9]+(-[a-z0-9]+)*, at most 50 bytes. */
int
lp_slug_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 50 || s[0] == '-' || s[n - 1] == '-' || strstr(s, "--"))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}
