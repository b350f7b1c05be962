/** What the command-line tools say to the person at the keyboard: one line per problem, with the fix. */
export const cliTexts = {
  fileMissing: (path: string) => `找不到文件 ${path}：请检查路径和文件名（相对路径从当前目录 ${process.cwd()} 算起）。`,
  noPermission: (path: string) => `没有权限读写 ${path}：请检查文件权限，或换一个有权限的位置。`,
  isFolder: (path: string) => `${path} 是文件夹，这里要的是一个文件：请写出文件名。`,
  notADatabase: (path: string) => `${path} 不是 SQLite 数据库（文件已损坏，或不是隐患清零的数据库）：请检查 HZ_DB 或 --db 指向的文件。`,
  databaseBusy: (path: string) => `数据库 ${path} 正被另一个进程写入，暂时无法打开：请稍后重试，或先停止正在运行的机器人。`,
  cannotOpen: (path: string) => `无法打开数据库 ${path}：请检查它所在的文件夹是否存在、是否有写权限。`,
  diskFull: (path: string) => `磁盘已满，无法写入 ${path}：请清理磁盘空间后重试。`,
  unexpected: (message: string) => `出错了：${message}。这多半不是您的操作问题：请设置 HZ_DEBUG=1 重新运行，把完整输出报告给维护人员。`,
  debugHint: '（设置 HZ_DEBUG=1 可看到程序内部的详细信息）',
  evidenceImport: {
    sqlite: (folder: string) => `数据库是 SQLite：证据文件就保存在 ${folder}，无需导入（只有 PostgreSQL 把证据存入数据库）。`,
    done: (folder: string, r: { imported: number; importedBytes: number; present: number }, total: { files: number; bytes: number }) =>
      `已从 ${folder} 导入 ${r.imported} 个证据文件（${megabytes(r.importedBytes)}），${r.present} 个数据库中已有；数据库现存证据 ${total.files} 个（${megabytes(total.bytes)}）。`,
    skipped: (file: string, reason: 'damaged' | 'not-evidence') => reason === 'damaged'
      ? `未导入 ${file}：文件内容与文件名（内容的 SHA-256）不符，文件已损坏。请从备份恢复该文件后重新运行。`
      : `未导入 ${file}：不是机器人保存的证据文件（证据按“内容哈希.扩展名”命名）。`,
  },
} as const;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
