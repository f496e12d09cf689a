// The part of `natural` adwatch uses. natural's own typings pull in its .ts sources, which do not
// compile under this project's settings (verbatimModuleSyntax), so tsconfig maps "natural" here.
declare const natural: {
  PorterStemmer: { stem(word: string): string };
  PorterStemmerRu: { stem(word: string): string };
};
export default natural;
