/** The completion script for a shell, generated from the program's command tree. */
import type { Command } from 'commander';
import { completionTree } from './tree.js';


export async function completionScript(program: Command, shell: 'bash' | 'zsh' | 'fish'): Promise<string> {
  const tree = completionTree(program);
  if (shell === 'fish') return (await import('./fish.js')).fishScript(tree);
  const { bashScript, zshScript } = await import('./bash.js');
  return shell === 'zsh' ? zshScript(tree) : bashScript(tree);
}
