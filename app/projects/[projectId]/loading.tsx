import { Spinner } from '../../../components/ui/spinner.tsx';

export default function Loading() {
  return (
    <div className="flex justify-center py-24 text-slate-400">
      <Spinner label="Loading" />
    </div>
  );
}
