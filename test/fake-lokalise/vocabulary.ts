/**
 * The languages the fake offers and the words it writes in them.
 *
 * Each language carries Lokalise's own `plural_forms` (CLDR categories) and a phrase list in its own script, so
 * synced data exercises RTL (Arabic), CJK without spaces (Japanese, Chinese, Korean), Cyrillic and diacritics.
 */

/** A language as the fake knows it. */
export interface FakeLanguageSpec {
  readonly langId: number;
  readonly iso: string;
  readonly name: string;
  readonly isRtl: boolean;
  readonly pluralForms: readonly string[];
  /** Short UI phrases in the language; sentences are built from these. */
  readonly phrases: readonly string[];
  /** Joins phrases: a space, or nothing for scripts written without spaces. */
  readonly joiner: string;
}

/** In the order projects receive them: `en` is always the base; `ar`, `ja` and `zh_CN` always follow. */
export const languageSpecs: readonly FakeLanguageSpec[] = [
  {
    langId: 640,
    iso: 'en',
    name: 'English',
    isRtl: false,
    pluralForms: ['one', 'other'],
    joiner: ' ',
    phrases: [
      'Save changes', 'Delete project', 'Invite your team', 'Upload a file', 'Download the report', 'Sign in again',
      'Your trial ends soon', 'Settings were updated', 'Search translations', 'No results found', 'Try again later',
      'Choose a language', 'Open in browser', 'Mark as reviewed', 'Copy to clipboard', 'Welcome back',
      'Payment failed', 'Add a comment', 'Export as XLIFF', 'Keyboard shortcuts', 'Dark mode', 'Privacy policy',
      'Notifications are off', 'Connect your account', 'Syncing with the server', 'Unsaved changes will be lost',
      'Archive this key', 'Review pending strings', 'Select all', 'Cancel subscription',
    ],
  },
  {
    langId: 597,
    iso: 'ar',
    name: 'Arabic',
    isRtl: true,
    pluralForms: ['zero', 'one', 'two', 'few', 'many', 'other'],
    joiner: ' ',
    phrases: [
      'حفظ التغييرات', 'حذف المشروع', 'ادعُ فريقك', 'رفع ملف', 'تنزيل التقرير', 'سجّل الدخول مرة أخرى',
      'تنتهي الفترة التجريبية قريبًا', 'تم تحديث الإعدادات', 'البحث في الترجمات', 'لم يتم العثور على نتائج',
      'حاول مرة أخرى لاحقًا', 'اختر لغة', 'افتح في المتصفح', 'وضع علامة كمراجَع', 'نسخ إلى الحافظة', 'مرحبًا بعودتك',
    ],
  },
  {
    langId: 674,
    iso: 'ja',
    name: 'Japanese',
    isRtl: false,
    pluralForms: ['other'],
    joiner: '',
    phrases: [
      '変更を保存', 'プロジェクトを削除', 'チームを招待', 'ファイルをアップロード', 'レポートをダウンロード', '再度サインイン',
      '試用期間がまもなく終了します', '設定が更新されました', '翻訳を検索', '結果が見つかりません', '後でもう一度お試しください',
      '言語を選択', 'ブラウザで開く', 'レビュー済みにする', 'クリップボードにコピー', 'おかえりなさい',
    ],
  },
  {
    langId: 762,
    iso: 'zh_CN',
    name: 'Chinese Simplified',
    isRtl: false,
    pluralForms: ['other'],
    joiner: '',
    phrases: [
      '保存更改', '删除项目', '邀请你的团队', '上传文件', '下载报告', '重新登录', '试用期即将结束', '设置已更新',
      '搜索翻译', '未找到结果', '请稍后重试', '选择语言', '在浏览器中打开', '标记为已审核', '复制到剪贴板', '欢迎回来',
    ],
  },
  {
    langId: 673,
    iso: 'de',
    name: 'German',
    isRtl: false,
    pluralForms: ['one', 'other'],
    joiner: ' ',
    phrases: [
      'Änderungen speichern', 'Projekt löschen', 'Team einladen', 'Datei hochladen', 'Bericht herunterladen',
      'Erneut anmelden', 'Ihre Testphase endet bald', 'Einstellungen wurden aktualisiert', 'Übersetzungen durchsuchen',
      'Keine Ergebnisse gefunden', 'Später erneut versuchen', 'Sprache wählen', 'Im Browser öffnen', 'Als geprüft markieren',
    ],
  },
  {
    langId: 675,
    iso: 'fr',
    name: 'French',
    isRtl: false,
    pluralForms: ['one', 'many', 'other'],
    joiner: ' ',
    phrases: [
      'Enregistrer les modifications', 'Supprimer le projet', 'Inviter votre équipe', 'Téléverser un fichier',
      'Télécharger le rapport', 'Se reconnecter', 'Votre essai se termine bientôt', 'Paramètres mis à jour',
      'Rechercher des traductions', 'Aucun résultat', 'Réessayez plus tard', 'Choisir une langue', 'Ouvrir dans le navigateur',
    ],
  },
  {
    langId: 704,
    iso: 'ru',
    name: 'Russian',
    isRtl: false,
    pluralForms: ['one', 'few', 'many', 'other'],
    joiner: ' ',
    phrases: [
      'Сохранить изменения', 'Удалить проект', 'Пригласить команду', 'Загрузить файл', 'Скачать отчёт', 'Войти снова',
      'Пробный период скоро закончится', 'Настройки обновлены', 'Искать переводы', 'Ничего не найдено', 'Повторите позже',
    ],
  },
  {
    langId: 697,
    iso: 'es',
    name: 'Spanish',
    isRtl: false,
    pluralForms: ['one', 'many', 'other'],
    joiner: ' ',
    phrases: [
      'Guardar cambios', 'Eliminar proyecto', 'Invitar a tu equipo', 'Subir un archivo', 'Descargar el informe',
      'Iniciar sesión de nuevo', 'Tu prueba termina pronto', 'Configuración actualizada', 'Buscar traducciones', 'Sin resultados',
    ],
  },
  {
    langId: 701,
    iso: 'pt_BR',
    name: 'Portuguese (Brazil)',
    isRtl: false,
    pluralForms: ['one', 'many', 'other'],
    joiner: ' ',
    phrases: [
      'Salvar alterações', 'Excluir projeto', 'Convidar sua equipe', 'Enviar um arquivo', 'Baixar o relatório',
      'Entrar novamente', 'Seu teste termina em breve', 'Configurações atualizadas', 'Pesquisar traduções', 'Nenhum resultado',
    ],
  },
  {
    langId: 689,
    iso: 'ko',
    name: 'Korean',
    isRtl: false,
    pluralForms: ['other'],
    joiner: ' ',
    phrases: [
      '변경 사항 저장', '프로젝트 삭제', '팀 초대', '파일 업로드', '보고서 다운로드', '다시 로그인', '평가판이 곧 종료됩니다',
      '설정이 업데이트되었습니다', '번역 검색', '결과 없음', '나중에 다시 시도하세요',
    ],
  },
];

/** Placeholders in the styles translators meet: printf, ICU-like and Lokalise's universal `[%i:name]`. */
export const placeholders: readonly string[] = ['%s', '%d', '{count}', '{name}', '[%i:count]', '[%s:name]', '%1$s'];

/** Emoji that appear in real UI strings, including ones outside the Basic Multilingual Plane and a ZWJ sequence. */
export const emoji: readonly string[] = ['🎉', '✅', '⚠️', '🚀', '👋', '👩‍💻', '🌍'];

/** Words used to build key names such as `settings.profile.save_button`. */
export const keyNameParts = {
  screens: ['settings', 'onboarding', 'billing', 'editor', 'dashboard', 'profile', 'projects', 'search', 'auth', 'errors'],
  sections: ['header', 'footer', 'dialog', 'toolbar', 'sidebar', 'form', 'banner', 'list', 'empty_state', 'tooltip'],
  elements: ['title', 'subtitle', 'button', 'label', 'hint', 'message', 'placeholder', 'link', 'description', 'action'],
} as const;

/** Tags and platforms as Lokalise spells them. */
export const tagNames: readonly string[] = ['release-2.4', 'marketing', 'legal', 'mobile', 'checkout', 'beta', 'needs-context', 'v3'];
export const platformNames: readonly string[] = ['ios', 'android', 'web', 'other'];
