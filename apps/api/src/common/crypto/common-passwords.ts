/**
 * Passwords tried first by anyone guessing (lower-cased): the top of the public leaked-password lists, plus the
 * Chinese favourites (pinyin words, keyboard walks, lucky numbers) that meet "letters and digits".
 * Compared case-insensitively with the whole password.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '11111111', '88888888', '66666666', '00000000', '87654321', '12341234',
  '11223344', '123123123', '1qaz2wsx', '1q2w3e4r', '1q2w3e4r5t', 'q1w2e3r4', 'qwer1234', 'qwerty123', 'qwerty12',
  'asdf1234', 'zxcv1234', 'abcd1234', 'abc12345', 'abc123456', 'a1234567', 'a12345678', 'a123456789', 'aa123456',
  'aa12345678', 'qq123456', 'qq12345678', 'password', 'password1', 'password12', 'password123', 'passw0rd',
  'p@ssw0rd', 'p@ssword1', 'admin123', 'admin1234', 'admin12345', 'admin888', 'root1234', 'test1234', 'test12345',
  'welcome1', 'iloveyou1', 'woaini1314', 'woaini520', 'woaini123', '5201314a', 'a5201314', 'wang1234', 'zhang123',
  'li123456', 'liu123456', 'chen1234', 'yang1234', 'huang123', 'zhao1234', 'qwe12345', 'qweasd123', 'qweasdzxc1',
  'zxc12345', 'asd12345', 'abc123abc', 'abcd123456', 'a1b2c3d4', 'a1s2d3f4', '1a2b3c4d', 'aaa12345', 'aaa111111',
  'wenming1', 'wenming123', 'wenming2026', 'zhiyuan1', 'zhiyuan123', 'zhiyuanzhe1', 'volunteer1', 'qingshui1',
  'qingshui123', 'demo2026', 'demo@2026', 'changeme1', 'letmein1', 'baseball1', 'football1', 'monkey123',
  'dragon123', 'superman1', 'sunshine1', 'princess1', 'trustno1', 'master123', 'shadow123', 'michael1',
]);
