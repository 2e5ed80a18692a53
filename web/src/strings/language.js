// Texts of the language switch (language-switch.js): the words of a language could not be fetched.
export const en = {
  'lang.unavailable': 'The page’s words in {language} could not be fetched ({reason}); it is shown in English. Pick {language} again to retry.',
};

export const ru = {
  'lang.unavailable': 'Не удалось загрузить слова страницы на языке {language} ({reason}); она показана на английском. Выберите {language} ещё раз, чтобы повторить.',
};
